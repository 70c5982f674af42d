package dev.sigil.platform.control;

import io.github.bucket4j.Bandwidth;
import java.time.Duration;

/**
 * The one shape of allowance Sigil uses: n requests a minute, refilled gradually over the minute.
 */
public final class Allowance {

    private Allowance() {}

    public static Bandwidth perMinute(int requests) {
        return Bandwidth.builder()
                .capacity(requests)
                .refillGreedy(requests, Duration.ofMinutes(1))
                .build();
    }
}
