package dev.sigil.platform.control;

import java.time.Duration;

/**
 * Rate limits by key (an API key id, a client address, an agent id). The one seam between Sigil and
 * the rate-limit library, so node-local buckets can become cluster-wide without touching callers.
 */
public interface RateLimits {

    /**
     * Takes one permit from the bucket of {@code key}, which allows {@code perMinute} requests a
     * minute. Never throws: a limiter that cannot decide answers {@link Decision#denied}.
     */
    Decision consume(String key, int perMinute);

    /** The outcome of one {@link #consume} call. */
    record Decision(boolean allowed, Duration retryAfter) {

        public static Decision allow() {
            return new Decision(true, Duration.ZERO);
        }

        public static Decision denied(Duration retryAfter) {
            return new Decision(false, retryAfter);
        }
    }
}
