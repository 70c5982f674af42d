package dev.sigil.tokens.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sigil.tokens.entity.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks an access token that Sigil minted: a known signing key (by {@code kid}) of the header's
 * algorithm, a good signature, Sigil as issuer, the expected audience, not expired. What the token
 * says about its agent is checked by the caller against the agent's current record.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    static final int MAX_TOKEN_LENGTH = 8192;

    /** Upper bound on remembered tokens; past it the memory is cleared and refilled. */
    static final int MAX_REMEMBERED = 50_000;

    private final Map<String, JWSVerifier> verifiers = new ConcurrentHashMap<>();

    /**
     * Tokens whose signature and claims this node has verified, until they expire: an agent
     * presents the same token for minutes, and the signature check is the dearest part of a
     * request. Only good tokens enter, so junk cannot fill it.
     */
    private final Map<String, JWTClaimsSet> verified = new ConcurrentHashMap<>();

    /** The verified claims, or empty for any token that is not good. Never throws. */
    public Optional<JWTClaimsSet> verify(
            String token,
            Function<String, Optional<SigningKey>> keysByKid,
            String issuer,
            String audience,
            Instant now) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        JWTClaimsSet known = verified.get(token);
        if (known != null) {
            if (now.minus(CLOCK_SKEW).isBefore(known.getExpirationTime().toInstant())) {
                return Optional.of(known);
            }
            verified.remove(token);
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            String kid = jwt.getHeader().getKeyID();
            if (kid == null) {
                return Optional.empty();
            }
            Optional<SigningKey> key = keysByKid.apply(kid);
            if (key.isEmpty()
                    || !key.get().algorithm().jws().equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(verifiers.computeIfAbsent(kid, k -> verifier(key.get())))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (!issuer.equals(claims.getIssuer())
                    || claims.getAudience() == null
                    || !claims.getAudience().contains(audience)
                    || claims.getSubject() == null
                    || exp == null
                    || !now.minus(CLOCK_SKEW).isBefore(exp.toInstant())) {
                return Optional.empty();
            }
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(token, claims);
            return Optional.of(claims);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static JWSVerifier verifier(SigningKey key) {
        try {
            return switch (key.algorithm()) {
                case EDDSA -> new BouncyCastleEd25519Verifier(key.publicKey());
                case RS256 -> new RSASSAVerifier((RSAPublicKey) key.publicKey());
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("Unusable signing key " + key.kid(), e);
        }
    }
}
