package dev.sigil.agents.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentTest {

    /** 2026-12-03T12:00:00.123456789Z: nanoseconds, as the JDK's clock gives them on Linux. */
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00.123456789Z");

    static final Instant MICROS = Instant.parse("2026-12-03T12:00:00.123456Z");

    static AgentPublicKey key() throws Exception {
        return new AgentPublicKey(
                KeyType.ED25519,
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
    }

    /** The answer to a change shows the times that a later read from the database shows. */
    @Test
    void keepsTimesToTheMicrosecondAsTheDatabaseDoes() throws Exception {
        Agent cut = Agent.awaitingRegistration("edge-1", NOW, "test");
        cut.issueRegistrationToken("hash", NOW.plus(Duration.ofHours(1)));
        assertEquals(MICROS, cut.createdAt());
        assertEquals(
                Optional.of(MICROS.plus(Duration.ofHours(1))), cut.registrationTokenExpiresAt());

        cut.register(key(), NOW.plus(Duration.ofDays(90)), NOW);
        assertEquals(Optional.of(MICROS), cut.registeredAt());
        assertEquals(Optional.of(MICROS.plus(Duration.ofDays(90))), cut.keyExpiresAt());

        cut.rotate(key(), NOW.plus(Duration.ofDays(91)), NOW, NOW.plus(Duration.ofDays(1)));
        assertEquals(Optional.of(MICROS.plus(Duration.ofDays(91))), cut.keyExpiresAt());
        assertEquals(Optional.of(MICROS.plus(Duration.ofDays(1))), cut.previousKeyRetiresAt());
    }
}
