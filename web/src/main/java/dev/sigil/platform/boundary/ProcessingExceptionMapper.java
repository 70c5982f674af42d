package dev.sigil.platform.boundary;

import dev.sigil.platform.entity.ProblemCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** The JAX-RS runtime could not read the request entity (malformed JSON, wrong types). */
@Provider
@ApplicationScoped
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException exception) {
        return Problems.response(
                        ProblemCode.MALFORMED_REQUEST,
                        "The request body is not well-formed JSON of the expected shape",
                        List.of())
                .build();
    }
}
