package dev.sigil.tokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A client assertion already used: 64 bits of the hash of agent id and jti, kept until the
 * assertion would have expired. The primary key rejects a second use on any node. The token
 * endpoint writes these rows over JDBC ({@code ReplayRecords}); JPA only purges them.
 */
@Entity
@Table(name = "used_assertion")
@NamedQuery(
        name = UsedAssertion.PURGE,
        query = "DELETE FROM UsedAssertion u WHERE u.expiresAt < :now")
public class UsedAssertion {

    public static final String PURGE = "UsedAssertion.purge";

    @Id private long id;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected UsedAssertion() {}
}
