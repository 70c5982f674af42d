package dev.sigil.agents.boundary;

import dev.sigil.agents.entity.Agent;
import java.time.Instant;

/** An agent as the API shows it: never a secret. */
public record AgentView(
        String agentId,
        String name,
        String status,
        String registration,
        Instant createdAt,
        Instant registeredAt,
        String keyType,
        String keyFingerprint,
        String keyThumbprint,
        Instant keyExpiresAt,
        Instant previousKeyRetiresAt,
        Instant registrationTokenExpiresAt) {

    static AgentView of(Agent a) {
        return new AgentView(
                a.id(),
                a.name(),
                a.status().wire(),
                a.registration(),
                a.createdAt(),
                a.registeredAt().orElse(null),
                a.keyType().orElse(null),
                a.keyFingerprint().orElse(null),
                a.keyThumbprint().orElse(null),
                a.keyExpiresAt().orElse(null),
                a.previousKeyRetiresAt().orElse(null),
                a.registrationTokenExpiresAt().orElse(null));
    }
}
