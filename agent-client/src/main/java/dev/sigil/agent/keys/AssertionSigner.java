package dev.sigil.agent.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs the short-lived JWTs with which an agent proves that it holds a key: client assertions for
 * the token endpoint (RFC 7523) and proofs of possession of a new key for key rotation.
 */
public final class AssertionSigner {

    /** How long an assertion is valid: short, as it is used at once. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    /** The server refuses assertions that live longer than this. */
    public static final Duration MAXIMUM_LIFETIME = Duration.ofMinutes(5);

    private final AgentKeyPair key;
    private final Ed25519JwsSigner signer;
    private final Clock clock;

    public AssertionSigner(AgentKeyPair key, Clock clock) {
        this.key = key;
        this.signer = new Ed25519JwsSigner(key);
        this.clock = clock;
    }

    /**
     * A compact JWS with {@code iss = sub = agentId}, {@code aud = audience}, {@code iat} now,
     * {@code exp} now + {@link #LIFETIME} and a random {@code jti}.
     */
    public String sign(String agentId, URI audience) {
        // JWTs carry whole seconds; truncating keeps exp - iat exactly the lifetime.
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        var claims =
                new JWTClaimsSet.Builder()
                        .issuer(agentId)
                        .subject(agentId)
                        .audience(audience.toString())
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(LIFETIME)))
                        .jwtID(UUID.randomUUID().toString())
                        .build();
        var header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(JOSEObjectType.JWT).build();
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the Ed25519 key", e);
        }
        return jwt.serialize();
    }

    public AgentKeyPair key() {
        return key;
    }
}
