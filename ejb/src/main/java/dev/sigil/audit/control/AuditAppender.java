package dev.sigil.audit.control;

import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.audit.entity.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Appends audit events over a JDBC connection whose transaction the caller owns: the form of {@code
 * AuditLog.record} for group commits on a hot path, where the entity manager's per-statement work
 * costs more than the statements. Same rows, same chain (R1.1, R1.2): the head is locked once for
 * the whole batch, the events go in as one JDBC batch, the head moves once.
 */
@ApplicationScoped
public class AuditAppender {

    static final String LOCK_HEAD =
            "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE";

    static final String INSERT =
            "INSERT INTO audit_event (seq, at, actor_type, actor_id, agent_id, action, target,"
                    + " result, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String MOVE_HEAD =
            "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1";

    @Inject AuditChain chain;

    AuditAppender() {}

    /** Outside a container: the chain it hashes with. */
    public AuditAppender(AuditChain chain) {
        this.chain = chain;
    }

    /**
     * Appends the entries, in order, all stamped {@code at}. The caller commits or rolls back.
     *
     * @throws SQLException as the database reports it; the caller's transaction must then roll back
     */
    public void appendAll(Connection connection, List<AuditEntry> entries, Instant at)
            throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        Instant stamp = at.truncatedTo(ChronoUnit.MILLIS);
        OffsetDateTime stored = OffsetDateTime.ofInstant(stamp, ZoneOffset.UTC);
        long seq;
        String prev;
        try (PreparedStatement lock = connection.prepareStatement(LOCK_HEAD);
                ResultSet head = lock.executeQuery()) {
            if (!head.next()) {
                throw new SQLException("The audit chain has no head row");
            }
            seq = head.getLong(1);
            prev = head.getString(2);
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (AuditEntry entry : entries) {
                AuditEvent event = new AuditEvent(++seq, stamp, entry, prev);
                event.seal(chain.hash(event));
                insert.setLong(1, event.seq());
                insert.setObject(2, stored);
                insert.setString(3, event.actorType());
                insert.setString(4, event.actorId());
                insert.setString(5, event.agentId());
                insert.setString(6, event.action());
                insert.setString(7, event.target());
                insert.setString(8, event.result());
                insert.setString(9, event.detail());
                insert.setString(10, event.prevHash());
                insert.setString(11, event.hash());
                insert.addBatch();
                prev = event.hash();
            }
            insert.executeBatch();
        }
        try (PreparedStatement move = connection.prepareStatement(MOVE_HEAD)) {
            move.setLong(1, seq);
            move.setString(2, prev);
            if (move.executeUpdate() != 1) {
                throw new SQLException("The audit chain's head did not move");
            }
        }
    }
}
