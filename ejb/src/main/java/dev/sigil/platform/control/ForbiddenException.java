package dev.sigil.platform.control;

import dev.sigil.platform.entity.ProblemCode;

/** The caller is known but its role does not allow the operation. */
public class ForbiddenException extends SigilException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String detail) {
        super(ProblemCode.FORBIDDEN, detail);
    }
}
