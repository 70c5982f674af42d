package dev.sigil.agent.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * How long {@code run} waits after a failure that a retry may cure (L4.4): 5 s after the first,
 * doubling with each further failure in a row, at most the check interval or 5 minutes, whichever
 * is shorter. Each wait is drawn at random from the upper half of that (between half and all of
 * it), so that agents that failed together do not come back together. A {@code Retry-After} of the
 * server is a lower bound, honoured up to an hour, so that a wrong header cannot park the agent for
 * days.
 */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(5);
    static final Duration LONGEST = Duration.ofMinutes(5);
    static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

    private final Duration longest;
    private final Random random;

    Backoff(Duration checkInterval, Random random) {
        this.longest = checkInterval.compareTo(LONGEST) < 0 ? checkInterval : LONGEST;
        this.random = random;
    }

    /** The longest wait after {@code failures} failures in a row, before the jitter. */
    Duration ceiling(int failures) {
        Duration ceiling = FIRST;
        for (int i = 1; i < failures && ceiling.compareTo(longest) < 0; i++) {
            ceiling = ceiling.multipliedBy(2);
        }
        return ceiling.compareTo(longest) < 0 ? ceiling : longest;
    }

    /**
     * The wait after {@code failures} failures in a row, the last of which said {@code retryAfter}.
     */
    Duration after(int failures, Optional<Duration> retryAfter) {
        long ceiling = Math.max(ceiling(failures).toMillis(), 1);
        long half = ceiling / 2;
        Duration wait = Duration.ofMillis(ceiling - (long) (random.nextDouble() * half));
        Duration asked =
                retryAfter
                        .map(r -> r.compareTo(LONGEST_RETRY_AFTER) < 0 ? r : LONGEST_RETRY_AFTER)
                        .orElse(Duration.ZERO);
        return asked.compareTo(wait) > 0 ? asked : wait;
    }
}
