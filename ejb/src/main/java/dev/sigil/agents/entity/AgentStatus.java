package dev.sigil.agents.entity;

import java.util.Locale;

/** Where an agent stands: waiting for its key, allowed to act, or switched off by an admin. */
public enum AgentStatus {
    PENDING,
    ACTIVE,
    DISABLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
