package dev.sigil.agent.channel;

import java.util.Optional;

/** The server's answer to a registration. */
public record Registration(
        String agentId,
        Optional<String> keyFingerprint,
        Optional<String> keyExpiresAt,
        Optional<String> registeredAt) {}
