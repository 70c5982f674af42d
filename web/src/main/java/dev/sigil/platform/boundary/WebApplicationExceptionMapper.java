package dev.sigil.platform.boundary;

import dev.sigil.platform.entity.ProblemCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * JAX-RS's own failures (unknown path, wrong method, unsupported media type, ...) as problems. The
 * message JAX-RS puts in these exceptions is not shown: only the status decides the detail.
 */
@Provider
@ApplicationScoped
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        ProblemCode code = ProblemCode.forStatus(status);
        Response.ResponseBuilder builder =
                Response.status(status)
                        .type(ProblemDetail.MEDIA_TYPE)
                        .entity(ProblemDetail.of(code, detail(status), List.of()));
        for (String header : List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER)) {
            String value = original.getHeaderString(header);
            if (value != null) {
                builder.header(header, value);
            }
        }
        return builder.build();
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood";
            case 404 -> "No resource at this path";
            case 405 -> "This resource does not support the method; see the Allow header";
            case 406 -> "No representation matches the Accept header";
            case 415 -> "The request body must be application/json";
            default -> "The request failed with status " + status;
        };
    }
}
