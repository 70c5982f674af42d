package dev.sigil.platform.boundary;

import dev.sigil.platform.entity.ProblemCode;
import dev.sigil.platform.entity.Violation;
import java.util.List;
import java.util.UUID;

/**
 * An RFC 9457 problem document. {@code instance} is a fresh id that the server log carries beside
 * the stack trace of an unexpected failure.
 */
public record ProblemDetail(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static ProblemDetail of(ProblemCode code, String detail, List<Violation> violations) {
        return new ProblemDetail(
                code.type(),
                code.title(),
                code.status(),
                detail,
                "urn:uuid:" + UUID.randomUUID(),
                violations == null || violations.isEmpty() ? null : violations);
    }
}
