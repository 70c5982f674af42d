package dev.sigil.setup.control;

import dev.sigil.platform.control.SigilException;
import dev.sigil.platform.entity.ProblemCode;

/** Setup ran already; the token is spent. */
public class SetupCompletedException extends SigilException {

    private static final long serialVersionUID = 1L;

    public SetupCompletedException() {
        super(
                ProblemCode.SETUP_COMPLETED,
                "Setup has already been completed; use an admin API key to create more keys");
    }
}
