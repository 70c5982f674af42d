package dev.sigil.platform.boundary;

import dev.sigil.platform.control.SigilException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Business failures: their problem code decides status and type. */
@Provider
@ApplicationScoped
public class SigilExceptionMapper implements ExceptionMapper<SigilException> {

    @Override
    public Response toResponse(SigilException exception) {
        return Problems.of(exception);
    }
}
