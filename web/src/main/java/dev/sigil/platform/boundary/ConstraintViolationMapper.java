package dev.sigil.platform.boundary;

import dev.sigil.platform.entity.ProblemCode;
import dev.sigil.platform.entity.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/** Bean Validation failures of a request: 400 with one violation per broken rule. */
@Provider
@ApplicationScoped
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        List<Violation> violations =
                exception.getConstraintViolations().stream()
                        .map(v -> new Violation(field(v), v.getMessage()))
                        .sorted(Comparator.comparing(Violation::field))
                        .toList();
        String detail =
                violations.stream()
                        .map(v -> v.field() + ": " + v.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("The request is not valid");
        return Problems.response(ProblemCode.VALIDATION_FAILED, detail, violations).build();
    }

    /** The JSON property (or query parameter), not the Java method path. */
    static String field(ConstraintViolation<?> violation) {
        String last = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PROPERTY, PARAMETER -> last = node.getName();
                default -> {}
            }
        }
        return last.matches("arg\\d+|request|body") ? "body" : last;
    }
}
