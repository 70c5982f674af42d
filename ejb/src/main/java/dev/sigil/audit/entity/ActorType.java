package dev.sigil.audit.entity;

import java.util.Locale;

/** Who acted: a signed-in administrator, an API key, an agent, or Sigil itself. */
public enum ActorType {
    ADMIN,
    APIKEY,
    AGENT,
    SYSTEM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
