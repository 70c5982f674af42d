package dev.sigil.platform.entity;

/**
 * Stable problem codes. The wire form is {@code urn:sigil:problem:<code>}; a code, once published,
 * is never renamed or reused for another meaning.
 */
public enum ProblemCode {
    VALIDATION_FAILED("validation-failed", 400, "The request is not valid"),
    MALFORMED_REQUEST("malformed-request", 400, "The request body could not be read"),
    NOT_AUTHENTICATED("not-authenticated", 401, "Authentication is required"),
    INVALID_SETUP_TOKEN("invalid-setup-token", 401, "The setup token is not valid"),
    FORBIDDEN("forbidden", 403, "Not allowed"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    CONFLICT("conflict", 409, "Conflict"),
    SETUP_COMPLETED("setup-completed", 409, "Setup has already been completed"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    INTERNAL_ERROR("internal-error", 500, "Internal error"),
    UNAVAILABLE("unavailable", 503, "Service unavailable");

    private final String code;
    private final int status;
    private final String title;

    ProblemCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public String type() {
        return "urn:sigil:problem:" + code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The generic code for an HTTP status that no business exception produced. */
    public static ProblemCode forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> NOT_AUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> INTERNAL_ERROR;
        };
    }
}
