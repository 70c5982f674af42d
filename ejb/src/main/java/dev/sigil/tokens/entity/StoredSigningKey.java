package dev.sigil.tokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signing key as stored: public metadata and the sealed (encrypted) private key. */
@Entity
@Table(name = "signing_key")
@NamedQuery(
        name = StoredSigningKey.UNRETIRED,
        query =
                "SELECT k FROM StoredSigningKey k WHERE k.retiresAt > :since ORDER BY k.activatedAt")
public class StoredSigningKey {

    public static final String UNRETIRED = "StoredSigningKey.unretired";

    @Id private String kid;

    @Column(nullable = false)
    private String alg;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "activated_at", nullable = false)
    private Instant activatedAt;

    @Column(name = "retires_at", nullable = false)
    private Instant retiresAt;

    @Column(name = "sealed_private", nullable = false)
    private String sealedPrivate;

    protected StoredSigningKey() {}

    public StoredSigningKey(SigningKey key, String sealedPrivate) {
        this.kid = key.kid();
        this.alg = key.algorithm().jwsName();
        this.createdAt = key.created();
        this.activatedAt = key.activated();
        this.retiresAt = key.retires();
        this.sealedPrivate = sealedPrivate;
    }

    public SigningKey restore(byte[] pkcs8) {
        return SigningKey.restore(
                kid, SigningKey.Algorithm.ofJwsName(alg), createdAt, activatedAt, retiresAt, pkcs8);
    }

    public String kid() {
        return kid;
    }

    public String sealedPrivate() {
        return sealedPrivate;
    }
}
