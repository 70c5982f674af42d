package dev.sigil.agent.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When {@code run} rotates the key (L4.3): once no more than {@code rotateBefore} of its lifetime
 * is left. When the keys the server hands out live no longer than {@code rotateBefore}, that rule
 * would make every new key due at once and rotate it at every check; such a key is due once a third
 * of its lifetime is left instead.
 *
 * <p>A key's lifetime is known only for a key that this process installed: its expiry minus the
 * moment of the rotation. A key found at start may be a short-lived one or a long-lived one near
 * its end (the agent may have been stopped for weeks); it is judged by {@code rotateBefore} alone,
 * as letting a key expire costs the agent its identity while an early rotation costs one rotation.
 *
 * @param rotateBefore how long before its expiry a key is rotated
 */
record RotationSchedule(Duration rotateBefore) {

    /** How long before its expiry a key of {@code lifetime} (when known) comes due. */
    Duration lead(Optional<Duration> lifetime) {
        return lifetime.filter(l -> l.compareTo(rotateBefore) <= 0)
                .map(l -> l.dividedBy(3))
                .orElse(rotateBefore);
    }

    /** When a key that expires at {@code expiresAt} comes due. */
    Instant dueAt(Instant expiresAt, Optional<Duration> lifetime) {
        return expiresAt.minus(lead(lifetime));
    }
}
