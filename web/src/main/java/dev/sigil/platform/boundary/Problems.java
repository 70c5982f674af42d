package dev.sigil.platform.boundary;

import dev.sigil.platform.control.SigilException;
import dev.sigil.platform.entity.ProblemCode;
import dev.sigil.platform.entity.Violation;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Builds problem+json responses for the exception mappers, and for the servlets. */
public final class Problems {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private Problems() {}

    /** What {@link SigilExceptionMapper} answers, written by a servlet. */
    public static void write(SigilException e, HttpServletResponse response) throws IOException {
        e.retryAfter()
                .ifPresent(
                        wait ->
                                response.setHeader(
                                        HttpHeaders.RETRY_AFTER, Long.toString(seconds(wait))));
        e.challenge().ifPresent(c -> response.setHeader(HttpHeaders.WWW_AUTHENTICATE, c));
        write(
                e.code().status(),
                ProblemDetail.of(e.code(), e.getMessage(), e.violations()),
                response);
    }

    /** A problem with this status, written by a servlet. */
    static void write(int status, ProblemDetail problem, HttpServletResponse response)
            throws IOException {
        response.setStatus(status);
        response.setContentType(ProblemDetail.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSONB.toJson(problem));
    }

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
