package dev.sigil.platform.control;

import dev.sigil.platform.entity.ProblemCode;
import dev.sigil.platform.entity.Violation;
import java.util.List;

/** A request that breaks a rule the bean validation annotations cannot express. */
public class ValidationException extends SigilException {

    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;

    public ValidationException(String field, String message) {
        super(ProblemCode.VALIDATION_FAILED, field + ": " + message);
        this.violations = List.of(new Violation(field, message));
    }

    @Override
    public List<Violation> violations() {
        return violations;
    }
}
