package dev.sigil.tokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A client assertion already used: the hash of agent id and jti, kept until the assertion would
 * have expired. The primary key rejects a second use on any node.
 */
@Entity
@Table(name = "assertion_replay")
@NamedQuery(
        name = AssertionReplay.PURGE,
        query = "DELETE FROM AssertionReplay r WHERE r.expiresAt < :now")
public class AssertionReplay {

    public static final String PURGE = "AssertionReplay.purge";

    @Id private String id;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected AssertionReplay() {}

    public AssertionReplay(String id, Instant expiresAt) {
        this.id = id;
        this.expiresAt = expiresAt;
    }
}
