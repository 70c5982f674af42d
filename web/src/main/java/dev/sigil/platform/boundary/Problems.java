package dev.sigil.platform.boundary;

import dev.sigil.platform.control.SigilException;
import dev.sigil.platform.entity.ProblemCode;
import dev.sigil.platform.entity.Violation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;

/** Builds problem+json responses for the exception mappers. */
final class Problems {

    private Problems() {}

    static Response.ResponseBuilder response(
            ProblemCode code, String detail, List<Violation> violations) {
        return Response.status(code.status())
                .type(ProblemDetail.MEDIA_TYPE)
                .entity(ProblemDetail.of(code, detail, violations));
    }

    static Response of(SigilException e) {
        Response.ResponseBuilder builder = response(e.code(), e.getMessage(), e.violations());
        e.retryAfter().ifPresent(wait -> builder.header(HttpHeaders.RETRY_AFTER, seconds(wait)));
        e.challenge().ifPresent(c -> builder.header(HttpHeaders.WWW_AUTHENTICATE, c));
        return builder.build();
    }

    /** Whole seconds, rounded up, at least one: a client that waits that long will get through. */
    static long seconds(Duration wait) {
        long seconds = (wait.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }
}
