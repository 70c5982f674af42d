package dev.sigil.platform.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalRateLimitsTest {

    LocalRateLimits cut = new LocalRateLimits();

    @Test
    void deniesPastTheAllowanceWithAWaitUntilTheNextPermit() {
        for (int i = 0; i < 3; i++) {
            assertTrue(cut.consume("key-a", 3).allowed());
        }
        RateLimits.Decision fourth = cut.consume("key-a", 3);
        assertFalse(fourth.allowed());
        assertTrue(fourth.retryAfter().compareTo(Duration.ofSeconds(15)) > 0, fourth.toString());
        assertTrue(fourth.retryAfter().compareTo(Duration.ofSeconds(21)) < 0, fourth.toString());
    }

    @Test
    void keysHaveSeparateBuckets() {
        assertTrue(cut.consume("key-a", 1).allowed());
        assertFalse(cut.consume("key-a", 1).allowed());
        assertTrue(cut.consume("key-b", 1).allowed());
    }

    @Test
    void aFailingLimiterDenies() {
        RateLimits.Decision decision = cut.consume("key-a", 0);
        assertFalse(decision.allowed());
        assertTrue(decision.retryAfter().compareTo(Duration.ZERO) > 0);
    }

    @Test
    void aFloodOfNewKeysNeverResetsBucketsInUse() {
        cut.maxBuckets = 2;
        assertTrue(cut.consume("key-a", 1).allowed());
        assertTrue(cut.consume("key-b", 1).allowed());
        assertFalse(cut.consume("key-c", 1).allowed(), "no room: the new key waits");
        assertFalse(cut.consume("key-a", 1).allowed(), "key-a's spent bucket was kept");
    }
}
