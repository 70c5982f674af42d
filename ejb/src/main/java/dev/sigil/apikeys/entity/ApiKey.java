package dev.sigil.apikeys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An API key as stored: its hash and metadata, never its secret. */
@Entity
@Table(name = "api_key")
@NamedQuery(name = ApiKey.ALL, query = "SELECT k FROM ApiKey k ORDER BY k.createdAt, k.id")
@NamedQuery(name = ApiKey.BY_HASH, query = "SELECT k FROM ApiKey k WHERE k.keyHash = :hash")
@NamedQuery(name = ApiKey.COUNT, query = "SELECT COUNT(k) FROM ApiKey k")
@NamedQuery(
        name = ApiKey.RECORD_USE,
        query =
                "UPDATE ApiKey k SET k.lastUsedAt = :now, k.useCount = k.useCount + 1"
                        + " WHERE k.id = :id")
public class ApiKey {

    public static final String ALL = "ApiKey.all";
    public static final String BY_HASH = "ApiKey.byHash";
    public static final String COUNT = "ApiKey.count";
    public static final String RECORD_USE = "ApiKey.recordUse";

    @Id private String id;

    @Column(nullable = false)
    private String name;

    @Convert(converter = RoleConverter.class)
    @Column(nullable = false)
    private Role role;

    @Column(nullable = false)
    private String prefix;

    @Column(name = "key_hash", nullable = false)
    private String keyHash;

    @Column(name = "rate_per_minute", nullable = false)
    private int ratePerMinute;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "use_count", nullable = false)
    private long useCount;

    protected ApiKey() {}

    public ApiKey(
            String name,
            Role role,
            int ratePerMinute,
            ApiKeySecret secret,
            Instant createdAt,
            String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.role = role;
        this.ratePerMinute = ratePerMinute;
        this.prefix = secret.prefix();
        this.keyHash = secret.hash();
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    /** Revokes the key; revoking twice keeps the first moment. */
    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public String prefix() {
        return prefix;
    }

    public int ratePerMinute() {
        return ratePerMinute;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    public Optional<Instant> lastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }

    public long useCount() {
        return useCount;
    }
}
