package dev.sigil.tokens.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sigil.tokens.entity.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mints access tokens: compact JWS with header {@code alg}, {@code kid} and {@code typ: JWT}, and
 * claims {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code iat}, {@code jti} (a random
 * UUID), {@code upn} (= {@code sub}) and {@code groups: ["agent"]}, which is what MicroProfile JWT
 * needs to accept them.
 *
 * <p>Fast path: the signer and the serialized header of each key are built once and cached by key
 * id. Since the key id is the thumbprint of the public key, and a {@link SigningKey} is always a
 * matching pair, one id always means the same private key. Thread-safe.
 */
@ApplicationScoped
public class AccessTokenMinter {

    /** The {@code groups} claim of every access token. */
    public static final List<String> GROUPS = List.of("agent");

    /** Claims the minter sets itself; extra claims may not replace them. */
    public static final Set<String> RESERVED_CLAIMS =
            Set.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti", "upn", "groups");

    static final int MAX_CACHED_KEYS = 16;

    private record KeySigner(JWSHeader header, JWSSigner signer) {}

    private final Map<String, KeySigner> signers = new ConcurrentHashMap<>();

    /**
     * @param key an active signing key ({@link SigningKey#activeAt(Instant)} at {@code now})
     * @param extraClaims further claims (may be {@code null}); none may be a {@link
     *     #RESERVED_CLAIMS reserved} one
     * @return the compact JWS
     * @throws IllegalArgumentException for a missing argument, a non-positive {@code ttl} or a
     *     reserved extra claim
     * @throws IllegalStateException if the key is not active at {@code now}
     */
    public String mint(
            SigningKey key,
            String issuer,
            String subject,
            String audience,
            Instant now,
            Duration ttl,
            Map<String, Object> extraClaims) {
        requireText(issuer, "issuer");
        requireText(subject, "subject");
        requireText(audience, "audience");
        if (key == null || now == null) {
            throw new IllegalArgumentException("A signing key and the current time are required");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("The token lifetime must be positive");
        }
        if (!key.activeAt(now)) {
            throw new IllegalStateException(
                    "Signing key " + key.kid() + " is not active at " + now);
        }
        JWTClaimsSet.Builder claims =
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject(subject)
                        .audience(audience)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(ttl)))
                        .jwtID(UUID.randomUUID().toString())
                        .claim("upn", subject)
                        .claim("groups", GROUPS);
        if (extraClaims != null) {
            for (Map.Entry<String, Object> claim : extraClaims.entrySet()) {
                if (RESERVED_CLAIMS.contains(claim.getKey())) {
                    throw new IllegalArgumentException(
                            "The claim '" + claim.getKey() + "' is set by the minter");
                }
                claims.claim(claim.getKey(), claim.getValue());
            }
        }
        KeySigner signer = signerFor(key);
        SignedJWT jwt = new SignedJWT(signer.header(), claims.build());
        try {
            jwt.sign(signer.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing with key " + key.kid() + " failed", e);
        }
        return jwt.serialize();
    }

    private KeySigner signerFor(SigningKey key) {
        KeySigner cached = signers.get(key.kid());
        if (cached != null) {
            return cached;
        }
        if (signers.size() >= MAX_CACHED_KEYS) {
            signers.clear();
        }
        return signers.computeIfAbsent(key.kid(), kid -> newSigner(key));
    }

    private static KeySigner newSigner(SigningKey key) {
        JWSHeader built =
                new JWSHeader.Builder(key.algorithm().jws())
                        .keyID(key.kid())
                        .type(JOSEObjectType.JWT)
                        .build();
        try {
            // parsed from its encoding, the header keeps it: no re-encoding per token
            JWSHeader header = JWSHeader.parse(built.toBase64URL());
            JWSSigner signer =
                    switch (key.algorithm()) {
                        case EDDSA -> new BouncyCastleEd25519Signer(key.privateKey());
                        case RS256 -> new RSASSASigner(key.privateKey());
                    };
            return new KeySigner(header, signer);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("Signing key " + key.kid() + " cannot sign", e);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + name + " is required");
        }
    }
}
