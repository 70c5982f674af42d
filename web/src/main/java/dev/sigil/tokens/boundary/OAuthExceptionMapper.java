package dev.sigil.tokens.boundary;

import dev.sigil.tokens.control.OAuthException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** Token endpoint errors as RFC 6749 section 5.2 JSON, which OAuth clients parse. */
@Provider
@ApplicationScoped
public class OAuthExceptionMapper implements ExceptionMapper<OAuthException> {

    @Override
    public Response toResponse(OAuthException exception) {
        return Response.status(exception.status())
                .type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .entity(
                        Map.of(
                                "error",
                                exception.error(),
                                "error_description",
                                exception.getMessage()))
                .build();
    }
}
