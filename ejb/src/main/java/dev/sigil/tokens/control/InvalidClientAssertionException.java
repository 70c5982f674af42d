package dev.sigil.tokens.control;

import jakarta.ejb.ApplicationException;

/**
 * A client assertion (RFC 7523) was not accepted. The {@link #getMessage() message} is the same for
 * every reason, so it can be the {@code error_description} of an OAuth {@code invalid_client}
 * answer without telling the caller which check failed; {@link #reason()} is for the audit log.
 *
 * <p>Decision: no cause and no stack trace. A cause from the JOSE or ASN.1 parser may quote parts
 * of the presented token, and garbage assertions are cheap to send, so the exception must be cheap
 * to throw; the reason says all the audit log needs.
 */
@ApplicationException(rollback = true)
public class InvalidClientAssertionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The generic message: the same text for every reason. */
    public static final String MESSAGE = "Client authentication failed";

    /** Why the assertion was rejected; stable names, safe to write into the audit log. */
    public enum Reason {
        /**
         * Not a compact JWS, too long, or its header or claims are not valid JSON of the JWT kind.
         */
        MALFORMED,
        /** {@code none}, HMAC, a JWE, or an algorithm that does not fit the agent's key. */
        ALGORITHM,
        /** The agent's registered key cannot be used (not Ed25519, RSA below 2048 bits, ...). */
        KEY,
        /** The signature does not verify with the agent's key. */
        SIGNATURE,
        /** {@code iss} or {@code sub} missing, different from each other, or not the agent. */
        ISSUER,
        /** {@code aud} contains none of the accepted audiences. */
        AUDIENCE,
        /** {@code exp} or {@code iat} is missing. */
        MISSING_CLAIM,
        /** {@code exp} has passed (beyond the allowed clock skew). */
        EXPIRED,
        /** {@code exp} is further ahead than the longest accepted assertion lifetime. */
        LIFETIME_TOO_LONG,
        /** {@code iat} or {@code nbf} lies in the future (beyond the allowed clock skew). */
        NOT_YET_VALID,
        /** {@code jti} is missing or blank. */
        MISSING_JTI,
        /** {@code jti} is longer than allowed. */
        INVALID_JTI,
        /** The {@code jti} was already used (raised by the caller that keeps the replay table). */
        REPLAYED,
        /** No usable agent or key for the subject (raised by the caller that looks agents up). */
        UNKNOWN_CLIENT
    }

    private final Reason reason;

    public InvalidClientAssertionException(Reason reason) {
        super(MESSAGE, null, false, false);
        if (reason == null) {
            throw new IllegalArgumentException("reason is required");
        }
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + MESSAGE + " (" + reason + ")";
    }
}
