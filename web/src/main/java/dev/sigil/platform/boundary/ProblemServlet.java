package dev.sigil.platform.boundary;

import dev.sigil.platform.entity.ProblemCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The container's error page (see web.xml): failures outside the REST API, such as an unknown path
 * or a wrong method on a static resource, are problem+json too.
 */
@WebServlet(name = "problem", urlPatterns = "/problem")
public class ProblemServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = System.getLogger(ProblemServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        ProblemCode problemCode = ProblemCode.forStatus(status);
        ProblemDetail problem =
                ProblemDetail.of(
                        problemCode, WebApplicationExceptionMapper.detail(status), List.of());
        Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (error instanceof Throwable t) {
            LOG.log(Level.ERROR, "Unexpected failure, problem instance " + problem.instance(), t);
        }
        Problems.write(status, problem, response);
    }
}
