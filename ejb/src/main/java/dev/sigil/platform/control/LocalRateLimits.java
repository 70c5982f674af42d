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
     * Upper bound on remembered buckets. Past it, buckets that have refilled completely are
     * forgotten (they hold no state worth keeping); if that frees nothing, new keys are denied
     * until it does. Never clearing a bucket in use is what keeps a flood of new keys (addresses)
     * from resetting everybody's limits.
     */
    int maxBuckets = 100_000;

    private final Map<String, Held> buckets = new ConcurrentHashMap<>();

    /** A bucket and the allowance it was made for. */
    private record Held(Bucket bucket, int perMinute) {
        boolean full() {
            return bucket.getAvailableTokens() >= perMinute;
        }
    }

    @Override
    public Decision consume(String key, int perMinute) {
        try {
            String id = key + "|" + perMinute;
            if (buckets.size() >= maxBuckets && !buckets.containsKey(id)) {
                buckets.values().removeIf(Held::full);
                if (buckets.size() >= maxBuckets) {
                    return Decision.denied(Duration.ofSeconds(1));
                }
            }
            Held held = buckets.computeIfAbsent(id, k -> new Held(newBucket(perMinute), perMinute));
            ConsumptionProbe probe = held.bucket().tryConsumeAndReturnRemaining(1);
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
