package dev.sigil.audit.control;

import dev.sigil.audit.entity.AuditEvent;
import dev.sigil.audit.entity.Verification;
import dev.sigil.platform.control.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/** Computes and checks the hash links of the audit chain (see the package documentation). */
@ApplicationScoped
public class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    /** {@code SHA-256(prevHash + canonical(event))} as lower-case hex. */
    public String hash(AuditEvent event) {
        return Secrets.sha256Hex(event.prevHash() + canonical(event));
    }

    static String canonical(AuditEvent event) {
        StringBuilder out = new StringBuilder(256);
        field(out, Long.toString(event.seq()));
        field(out, Long.toString(event.at().toEpochMilli()));
        field(out, event.actorType());
        field(out, event.actorId());
        field(out, event.agentId());
        field(out, event.action());
        field(out, event.target());
        field(out, event.result());
        field(out, event.detail());
        return out.toString();
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("-;");
        } else {
            out.append(value.getBytes(StandardCharsets.UTF_8).length)
                    .append(':')
                    .append(value)
                    .append(';');
        }
    }

    /**
     * Checks events in sequence order, page by page. Feed every event with {@link #check}; ask
     * {@link #result} at the end with the head's last sequence number and hash.
     */
    public Verifier verifier() {
        return new Verifier();
    }

    /** Running state of one verification. */
    public final class Verifier {
        private long expectedSeq = 1;
        private String expectedPrev = GENESIS;
        private long checked;
        private Long broken;

        /**
         * @return false once the chain is known to be broken (no need to read further).
         */
        public boolean check(AuditEvent event) {
            if (broken != null) {
                return false;
            }
            checked++;
            if (event.seq() != expectedSeq) {
                broken = Math.min(expectedSeq, event.seq());
                return false;
            }
            if (!expectedPrev.equals(event.prevHash()) || !hash(event).equals(event.hash())) {
                broken = event.seq();
                return false;
            }
            expectedSeq++;
            expectedPrev = event.hash();
            return true;
        }

        public long lastSeq() {
            return expectedSeq - 1;
        }

        public Verification result(long headSeq, String headHash) {
            if (broken != null) {
                return Verification.brokenAt(checked, broken);
            }
            if (headSeq != expectedSeq - 1 || !headHash.equals(expectedPrev)) {
                // Events at the end were removed, or the head was rewritten.
                return Verification.brokenAt(checked, Math.min(headSeq, expectedSeq));
            }
            return Verification.intact(checked);
        }
    }
}
