package dev.sigil.platform.boundary;

import dev.sigil.platform.entity.ProblemCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** A body that is not the JSON the endpoint expects. The parser's message is not echoed. */
@Provider
@ApplicationScoped
public class MalformedBodyMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException exception) {
        return Problems.response(
                        ProblemCode.MALFORMED_REQUEST,
                        "The request body is not well-formed JSON of the expected shape",
                        List.of())
                .build();
    }
}
