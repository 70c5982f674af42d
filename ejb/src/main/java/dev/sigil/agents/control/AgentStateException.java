package dev.sigil.agents.control;

import dev.sigil.platform.control.SigilException;
import dev.sigil.platform.entity.ProblemCode;

/** The agent's state does not allow the operation (409). */
public class AgentStateException extends SigilException {

    private static final long serialVersionUID = 1L;

    public AgentStateException(String detail) {
        super(ProblemCode.CONFLICT, detail);
    }
}
