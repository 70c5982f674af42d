package dev.sigil.agents.control;

import dev.sigil.platform.control.NotFoundException;

/** No agent with this id. */
public class AgentNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    public AgentNotFoundException(String id) {
        super("Agent", id);
    }
}
