package dev.sigil.platform.control;

import dev.sigil.platform.entity.ProblemCode;

/** The named resource does not exist (or the caller may not know that it does). */
public class NotFoundException extends SigilException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String what, String id) {
        super(ProblemCode.NOT_FOUND, what + " " + id + " does not exist");
    }
}
