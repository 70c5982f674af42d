package dev.sigil.tokens.entity;

import java.security.Principal;

/** An agent authenticated by a bearer access token. */
public record AgentCaller(String agentId, String keyThumbprint) implements Principal {

    @Override
    public String getName() {
        return agentId;
    }
}
