package dev.sigil.tokens.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.sigil.tokens.control.InvalidClientAssertionException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies RFC 7523 client assertions ({@code private_key_jwt}) against an agent's registered
 * public key. The checks run in this order: shape (a compact JWS of at most {@value
 * #MAX_ASSERTION_LENGTH} characters), algorithm against key type, signature, then the claims; no
 * claim is looked at before the signature has verified. Every failure is an {@link
 * InvalidClientAssertionException} with a {@link Reason}; nothing else escapes. Thread-safe; its
 * only state is a bounded cache of Ed25519 verifiers by key (a key is immutable and equal keys
 * verify alike).
 */
@ApplicationScoped
public class ClientAssertionVerifier {

    /** Allowed difference between our clock and the agent's, both ways. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    /** How far ahead of now {@code exp} may lie (plus {@link #CLOCK_SKEW}). */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    /** Longest accepted {@code jti}, in characters. */
    public static final int MAX_JTI_LENGTH = 200;

    /** Longest accepted assertion; an RSA-4096 assertion with ordinary claims is about 1 KiB. */
    public static final int MAX_ASSERTION_LENGTH = 8192;

    static final int MIN_RSA_BITS = 2048;

    static final int MAX_CACHED_KEYS = 4096;

    /** What a verified assertion says; {@code alg} is the JOSE name. */
    public record VerifiedAssertion(String jti, Instant expiresAt, Instant issuedAt, String alg) {}

    /**
     * An assertion parsed once, not yet verified: its {@code sub} finds the agent whose key then
     * {@linkplain #verify(ParsedAssertion, String, PublicKey, Collection, Instant) verifies} it.
     */
    public static final class ParsedAssertion {
        private final SignedJWT jwt;
        private final String subject;

        private ParsedAssertion(SignedJWT jwt, String subject) {
            this.jwt = jwt;
            this.subject = subject;
        }

        /** The unverified {@code sub}: never trust it for anything but the key lookup. */
        public String unverifiedSubject() {
            return subject;
        }
    }

    /** Ed25519 verifiers by agent key: building one parses the key's encoding. */
    private final Map<PublicKey, JWSVerifier> ed25519Verifiers = new ConcurrentHashMap<>();

    /**
     * Parses an assertion, once, for {@link #verify(ParsedAssertion, String, PublicKey, Collection,
     * Instant)}.
     *
     * @throws InvalidClientAssertionException ({@link Reason#MALFORMED}, {@link Reason#ALGORITHM})
     *     if it is not a JWS with a string {@code sub}
     */
    public ParsedAssertion read(String assertion) {
        SignedJWT jwt = parse(assertion);
        String subject = claimsOf(jwt).getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidClientAssertionException(Reason.MALFORMED);
        }
        return new ParsedAssertion(jwt, subject);
    }

    /**
     * @param assertion the {@code client_assertion} form parameter
     * @param agentId the agent looked up from {@link #unverifiedSubject}; {@code iss} and {@code
     *     sub} must both equal it
     * @param agentKey the agent's registered public key: Ed25519 (for {@code EdDSA}) or RSA of at
     *     least 2048 bits (for {@code RS256})
     * @param acceptedAudiences the token endpoint URL and the issuer URL; {@code aud} must contain
     *     one of them
     * @param now the current time
     * @return the parts the caller needs to record the {@code jti} against replay
     * @throws InvalidClientAssertionException if any check fails
     */
    public VerifiedAssertion verify(
            String assertion,
            String agentId,
            PublicKey agentKey,
            Collection<String> acceptedAudiences,
            Instant now) {
        requireArguments(agentId, agentKey, acceptedAudiences, now);
        SignedJWT jwt = parse(assertion);
        return verify(jwt, agentId, agentKey, acceptedAudiences, now);
    }

    /**
     * {@link #verify(String, String, PublicKey, Collection, Instant)} for an assertion parsed by
     * {@link #read}; it may be verified against several keys in turn.
     */
    public VerifiedAssertion verify(
            ParsedAssertion assertion,
            String agentId,
            PublicKey agentKey,
            Collection<String> acceptedAudiences,
            Instant now) {
        requireArguments(agentId, agentKey, acceptedAudiences, now);
        return verify(assertion.jwt, agentId, agentKey, acceptedAudiences, now);
    }

    private static void requireArguments(
            String agentId, PublicKey agentKey, Collection<String> acceptedAudiences, Instant now) {
        if (agentId == null || agentKey == null || acceptedAudiences == null || now == null) {
            throw new IllegalArgumentException(
                    "The agent id, its key, the accepted audiences and the time are required");
        }
    }

    private VerifiedAssertion verify(
            SignedJWT jwt,
            String agentId,
            PublicKey agentKey,
            Collection<String> acceptedAudiences,
            Instant now) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        JWSVerifier verifier = verifierFor(alg, agentKey);
        boolean valid;
        try {
            valid = jwt.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new InvalidClientAssertionException(Reason.SIGNATURE);
        }
        JWTClaimsSet claims = claimsOf(jwt);

        if (!agentId.equals(claims.getIssuer()) || !agentId.equals(claims.getSubject())) {
            throw new InvalidClientAssertionException(Reason.ISSUER);
        }
        if (!containsAny(claims.getAudience(), acceptedAudiences)) {
            throw new InvalidClientAssertionException(Reason.AUDIENCE);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new InvalidClientAssertionException(Reason.MISSING_CLAIM);
        }
        // RFC 7523 makes iat optional (stock clients such as the Nimbus OAuth SDK omit it); exp,
        // at most five minutes ahead, bounds the assertion either way.
        Date iat = claims.getIssueTime();
        Instant expiresAt = exp.toInstant();
        Instant issuedAt = iat == null ? null : iat.toInstant();
        if (!now.isBefore(expiresAt.plus(CLOCK_SKEW))) {
            throw new InvalidClientAssertionException(Reason.EXPIRED);
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
            throw new InvalidClientAssertionException(Reason.LIFETIME_TOO_LONG);
        }
        Instant latestStart = now.plus(CLOCK_SKEW);
        Date nbf = claims.getNotBeforeTime();
        if ((issuedAt != null && issuedAt.isAfter(latestStart))
                || (nbf != null && nbf.toInstant().isAfter(latestStart))) {
            throw new InvalidClientAssertionException(Reason.NOT_YET_VALID);
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw new InvalidClientAssertionException(Reason.MISSING_JTI);
        }
        if (jti.length() > MAX_JTI_LENGTH) {
            throw new InvalidClientAssertionException(Reason.INVALID_JTI);
        }
        return new VerifiedAssertion(jti, expiresAt, issuedAt, alg.getName());
    }

    /** Only a JWS: {@code alg: none} and JWE are refused by algorithm, the rest is malformed. */
    private static SignedJWT parse(String assertion) {
        if (assertion == null || assertion.isEmpty() || assertion.length() > MAX_ASSERTION_LENGTH) {
            throw new InvalidClientAssertionException(Reason.MALFORMED);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(assertion);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidClientAssertionException(Reason.MALFORMED);
        }
        if (jwt instanceof SignedJWT signed) {
            return signed;
        }
        throw new InvalidClientAssertionException(Reason.ALGORITHM);
    }

    private static JWTClaimsSet claimsOf(SignedJWT jwt) {
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (claims == null) {
                throw new InvalidClientAssertionException(Reason.MALFORMED);
            }
            return claims;
        } catch (ParseException | RuntimeException e) {
            if (e instanceof InvalidClientAssertionException invalid) {
                throw invalid;
            }
            throw new InvalidClientAssertionException(Reason.MALFORMED);
        }
    }

    /** EdDSA only with an Ed25519 key, RS256 only with an RSA key of 2048 bits or more. */
    private JWSVerifier verifierFor(JWSAlgorithm alg, PublicKey agentKey) {
        if (JWSAlgorithm.EdDSA.equals(alg)) {
            if (agentKey instanceof RSAPublicKey) {
                throw new InvalidClientAssertionException(Reason.ALGORITHM);
            }
            JWSVerifier cached = ed25519Verifiers.get(agentKey);
            if (cached != null) {
                return cached;
            }
            if (ed25519Verifiers.size() >= MAX_CACHED_KEYS) {
                ed25519Verifiers.clear();
            }
            return ed25519Verifiers.computeIfAbsent(agentKey, ClientAssertionVerifier::ed25519);
        }
        if (JWSAlgorithm.RS256.equals(alg)) {
            if (!(agentKey instanceof RSAPublicKey rsa)) {
                throw new InvalidClientAssertionException(Reason.ALGORITHM);
            }
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new InvalidClientAssertionException(Reason.KEY);
            }
            return new RSASSAVerifier(rsa);
        }
        throw new InvalidClientAssertionException(Reason.ALGORITHM);
    }

    private static JWSVerifier ed25519(PublicKey agentKey) {
        try {
            return new BouncyCastleEd25519Verifier(agentKey);
        } catch (JOSEException | RuntimeException e) {
            throw new InvalidClientAssertionException(Reason.ALGORITHM);
        }
    }

    private static boolean containsAny(List<String> audience, Collection<String> accepted) {
        if (audience == null) {
            return false;
        }
        for (String value : audience) {
            if (value != null && accepted.contains(value)) {
                return true;
            }
        }
        return false;
    }
}
