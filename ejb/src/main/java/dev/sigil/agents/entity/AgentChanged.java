package dev.sigil.agents.entity;

/**
 * A CDI event: something about this agent changed (or it was deleted). Fired by the registry inside
 * the changing transaction; observers that keep agents act when it completes.
 *
 * @param agentId the agent's id
 */
public record AgentChanged(String agentId) {}
