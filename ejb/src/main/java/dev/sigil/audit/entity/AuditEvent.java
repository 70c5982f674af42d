package dev.sigil.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One link of the audit chain. Never updated once written. */
@Entity
@Table(name = "audit_event")
@NamedQuery(
        name = AuditEvent.AFTER,
        query = "SELECT e FROM AuditEvent e WHERE e.seq > :after ORDER BY e.seq")
public class AuditEvent {

    public static final String AFTER = "AuditEvent.after";

    @Id private long seq;

    @Column(nullable = false)
    private Instant at;

    @Column(name = "actor_type", nullable = false)
    private String actorType;

    @Column(name = "actor_id", nullable = false)
    private String actorId;

    @Column(name = "agent_id")
    private String agentId;

    @Column(nullable = false)
    private String action;

    @Column(nullable = false)
    private String target;

    @Column(nullable = false)
    private String result;

    @Column(nullable = false)
    private String detail;

    @Column(name = "prev_hash", nullable = false)
    private String prevHash;

    @Column(nullable = false)
    private String hash;

    protected AuditEvent() {}

    public AuditEvent(long seq, Instant at, AuditEntry entry, String prevHash) {
        this.seq = seq;
        this.at = at;
        this.actorType = entry.actor().type().wire();
        this.actorId = truncate(entry.actor().id(), 100);
        this.agentId = entry.agentId();
        this.action = truncate(entry.action(), 64);
        this.target = truncate(entry.target(), 200);
        this.result = entry.result().wire();
        this.detail = truncate(entry.detail(), 2000);
        this.prevHash = prevHash;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** Seals the event with the hash the chain computed for it. */
    public void seal(String hash) {
        this.hash = hash;
    }

    public long seq() {
        return seq;
    }

    public Instant at() {
        return at;
    }

    public String actorType() {
        return actorType;
    }

    public String actorId() {
        return actorId;
    }

    public String agentId() {
        return agentId;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target;
    }

    public String result() {
        return result;
    }

    public String detail() {
        return detail;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
