package dev.sigil.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.audit.entity.Actor;
import dev.sigil.audit.entity.ActorType;
import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.audit.entity.AuditEvent;
import dev.sigil.audit.entity.AuditResult;
import dev.sigil.audit.entity.Verification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    AuditChain cut = new AuditChain();

    List<AuditEvent> chain(int length) {
        List<AuditEvent> events = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            AuditEvent event =
                    new AuditEvent(
                            seq,
                            Instant.ofEpochMilli(1_700_000_000_000L + seq),
                            new AuditEntry(
                                    new Actor(ActorType.APIKEY, "key-" + seq),
                                    seq % 2 == 0 ? "agent-" + seq : null,
                                    "apikey:create",
                                    "apikey:" + seq,
                                    AuditResult.ALLOWED,
                                    "detail " + seq),
                            prev);
            event.seal(cut.hash(event));
            prev = event.hash();
            events.add(event);
        }
        return events;
    }

    Verification verify(List<AuditEvent> events, long headSeq, String headHash) {
        AuditChain.Verifier verifier = cut.verifier();
        for (AuditEvent event : events) {
            if (!verifier.check(event)) {
                break;
            }
        }
        return verifier.result(headSeq, headHash);
    }

    @Test
    void intactChainVerifies() {
        List<AuditEvent> events = chain(10);
        AuditEvent last = events.get(9);
        assertEquals(Verification.intact(10), verify(events, 10, last.hash()));
    }

    @Test
    void emptyChainVerifiesAgainstGenesisHead() {
        assertEquals(Verification.intact(0), verify(List.of(), 0, AuditChain.GENESIS));
    }

    @Test
    void hashIsSha256HexAndDependsOnPreviousHash() {
        AuditEvent event = chain(1).get(0);
        assertTrue(event.hash().matches("[0-9a-f]{64}"));
        AuditEvent relinked =
                new AuditEvent(
                        1,
                        event.at(),
                        new AuditEntry(
                                new Actor(ActorType.APIKEY, "key-1"),
                                null,
                                "apikey:create",
                                "apikey:1",
                                AuditResult.ALLOWED,
                                "detail 1"),
                        "f".repeat(64));
        assertNotEquals(event.hash(), cut.hash(relinked));
    }

    @Test
    void editedEventIsNamed() {
        List<AuditEvent> events = chain(10);
        AuditEvent original = events.get(4);
        AuditEvent edited =
                new AuditEvent(
                        5,
                        original.at(),
                        new AuditEntry(
                                new Actor(ActorType.APIKEY, "key-5"),
                                null,
                                "apikey:create",
                                "apikey:5",
                                AuditResult.ALLOWED,
                                "nothing happened here"),
                        original.prevHash());
        edited.seal(original.hash());
        events.set(4, edited);
        Verification result = verify(events, 10, events.get(9).hash());
        assertFalse(result.valid());
        assertEquals(5L, result.firstBrokenSeq());
    }

    @Test
    void removedEventIsNamed() {
        List<AuditEvent> events = chain(10);
        String head = events.get(9).hash();
        events.remove(6);
        assertEquals(7L, verify(events, 10, head).firstBrokenSeq());
    }

    @Test
    void removedTailIsDetectedAgainstTheHead() {
        List<AuditEvent> events = chain(10);
        String head = events.get(9).hash();
        Verification result = verify(events.subList(0, 8), 10, head);
        assertFalse(result.valid());
        assertEquals(9L, result.firstBrokenSeq());
    }

    @Test
    void canonicalEncodingCannotBeShiftedAcrossFields() {
        AuditEvent a =
                new AuditEvent(
                        1,
                        Instant.EPOCH,
                        new AuditEntry(Actor.SYSTEM, null, "x", "a;b", AuditResult.ALLOWED, "c"),
                        AuditChain.GENESIS);
        AuditEvent b =
                new AuditEvent(
                        1,
                        Instant.EPOCH,
                        new AuditEntry(Actor.SYSTEM, null, "x", "a", AuditResult.ALLOWED, "b;c"),
                        AuditChain.GENESIS);
        assertNotEquals(AuditChain.canonical(a), AuditChain.canonical(b));
        assertNotEquals(cut.hash(a), cut.hash(b));
    }
}
