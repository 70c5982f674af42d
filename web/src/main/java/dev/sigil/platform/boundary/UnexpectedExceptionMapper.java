package dev.sigil.platform.boundary;

import dev.sigil.platform.control.SigilException;
import dev.sigil.platform.entity.ProblemCode;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Anything else: 500 with no internal message. The problem's instance id is logged with the stack
 * trace so an operator can find it. Business and JAX-RS exceptions that arrive wrapped (by an EJB
 * container) are unwrapped and answered as themselves.
 */
@Provider
@ApplicationScoped
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = System.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SigilException business) {
                return Problems.of(business);
            }
            if (cause instanceof WebApplicationException web && exception instanceof EJBException) {
                return new WebApplicationExceptionMapper().toResponse(web);
            }
        }
        ProblemDetail problem =
                ProblemDetail.of(
                        ProblemCode.INTERNAL_ERROR,
                        "Sigil could not complete the request; the server log has the details"
                                + " under this problem's instance id",
                        List.of());
        LOG.log(
                Level.ERROR,
                "Unexpected failure, problem instance " + problem.instance(),
                exception);
        return Response.status(500).type(ProblemDetail.MEDIA_TYPE).entity(problem).build();
    }
}
