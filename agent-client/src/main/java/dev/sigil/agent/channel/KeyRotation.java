package dev.sigil.agent.channel;

import java.util.Optional;

/** The server's answer to a key rotation. */
public record KeyRotation(
        String agentId,
        Optional<String> keyFingerprint,
        Optional<String> keyExpiresAt,
        Optional<String> previousKeyRetiresAt) {}
