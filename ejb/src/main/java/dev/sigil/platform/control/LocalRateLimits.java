package dev.sigil.platform.control;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets held by this node (Bucket4j). A bucket refills its whole allowance gradually over a
 * minute. Buckets are keyed by key and allowance, so changing a key's allowance starts a new
 * bucket.
 */
@ApplicationScoped
@Typed(LocalRateLimits.class)
public class LocalRateLimits implements RateLimits {

    private static final Logger LOG = System.getLogger(LocalRateLimits.class.getName());

    /**
     * Upper bound on remembered buckets; past it the map is cleared (every caller starts afresh).
     */
    static final int MAX_BUCKETS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public Decision consume(String key, int perMinute) {
        try {
            if (buckets.size() >= MAX_BUCKETS) {
                buckets.clear();
            }
            Bucket bucket =
                    buckets.computeIfAbsent(key + "|" + perMinute, k -> newBucket(perMinute));
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return Decision.allow();
            }
            return Decision.denied(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Rate limiter failed; denying the request", e);
            return Decision.denied(Duration.ofSeconds(1));
        }
    }

    private static Bucket newBucket(int perMinute) {
        return Bucket.builder().addLimit(Allowance.perMinute(perMinute)).build();
    }
}
