package dev.sigil.tokens.control;

import jakarta.ejb.ApplicationException;

/**
 * An error of the token endpoint in RFC 6749 section 5.2 form: an error code, a description safe to
 * show, and the HTTP status.
 */
@ApplicationException(rollback = true)
public class OAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final int status;

    public OAuthException(String error, String description, int status) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
    }

    public static OAuthException invalidClient() {
        return new OAuthException("invalid_client", InvalidClientAssertionException.MESSAGE, 401);
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException("invalid_request", description, 400);
    }

    public static OAuthException unsupportedGrantType() {
        return new OAuthException(
                "unsupported_grant_type", "Only grant_type=client_credentials is supported", 400);
    }

    public String error() {
        return error;
    }

    public int status() {
        return status;
    }
}
