package dev.sigil.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    Backoff cut = new Backoff(Duration.ofHours(1), new Random(4711));

    @Test
    void doublesFromFiveSecondsUpToFiveMinutes() {
        assertEquals(
                List.of(5L, 10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L),
                IntStream.rangeClosed(1, 9).mapToObj(n -> cut.ceiling(n).toSeconds()).toList());
        assertEquals(Duration.ofMinutes(5), cut.ceiling(Integer.MAX_VALUE));
    }

    @Test
    void neverWaitsLongerThanTheCheckInterval() {
        var everyHalfMinute = new Backoff(Duration.ofSeconds(30), new Random(1));
        var everySecond = new Backoff(Duration.ofSeconds(1), new Random(1));

        assertEquals(
                List.of(5L, 10L, 20L, 30L, 30L),
                IntStream.rangeClosed(1, 5)
                        .mapToObj(n -> everyHalfMinute.ceiling(n).toSeconds())
                        .toList());
        assertEquals(Duration.ofSeconds(1), everySecond.ceiling(1));
    }

    @Test
    void drawsEachWaitFromTheUpperHalf() {
        List<Duration> waits =
                IntStream.range(0, 1000).mapToObj(i -> cut.after(3, Optional.empty())).toList();

        assertTrue(
                waits.stream()
                        .allMatch(
                                w ->
                                        w.compareTo(Duration.ofSeconds(10)) >= 0
                                                && w.compareTo(Duration.ofSeconds(20)) <= 0),
                waits::toString);
        assertTrue(waits.stream().anyMatch(w -> w.compareTo(Duration.ofSeconds(11)) < 0));
        assertTrue(waits.stream().anyMatch(w -> w.compareTo(Duration.ofSeconds(19)) > 0));
    }

    @Test
    void waitsAtLeastWhatRetryAfterSaysUpToAnHour() {
        assertEquals(Duration.ofSeconds(120), cut.after(1, Optional.of(Duration.ofSeconds(120))));
        assertEquals(Duration.ofHours(1), cut.after(1, Optional.of(Duration.ofDays(3))));
        Duration shortRetryAfter = cut.after(2, Optional.of(Duration.ofSeconds(1)));
        assertTrue(shortRetryAfter.compareTo(Duration.ofSeconds(5)) >= 0, "the backoff's own");
    }
}
