package dev.sigil.tokens.entity;

import dev.sigil.agents.entity.Agent;
import java.security.Principal;

/**
 * An agent authenticated by a bearer access token, with its record as read for that check (so the
 * request need not read it again).
 */
public record AgentCaller(String agentId, String keyThumbprint, Agent agent) implements Principal {

    @Override
    public String getName() {
        return agentId;
    }
}
