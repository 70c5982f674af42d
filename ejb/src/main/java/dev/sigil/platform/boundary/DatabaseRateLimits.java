package dev.sigil.platform.boundary;

import dev.sigil.platform.control.Allowance;
import dev.sigil.platform.control.JdbcBuckets;
import dev.sigil.platform.control.RateLimits;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Rate limits every node shares, in the database (Bucket4j over {@link JdbcBuckets}). Runs outside
 * any container transaction: each decision commits on its own connection, also when the caller's
 * transaction later rolls back, so failed requests count.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseRateLimits {

    private static final Logger LOG = System.getLogger(DatabaseRateLimits.class.getName());

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    private JdbcBuckets buckets;

    @PostConstruct
    void start() {
        buckets = new JdbcBuckets(dataSource, Clock.systemUTC());
    }

    /** As {@link RateLimits#consume}: never throws, and a store that fails denies. */
    public RateLimits.Decision consume(String key, int perMinute) {
        try {
            BucketConfiguration configuration =
                    BucketConfiguration.builder().addLimit(Allowance.perMinute(perMinute)).build();
            ConsumptionProbe probe =
                    buckets.builder()
                            .build(key + "|" + perMinute, () -> configuration)
                            .tryConsumeAndReturnRemaining(1);
            return probe.isConsumed()
                    ? RateLimits.Decision.allow()
                    : RateLimits.Decision.denied(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Rate-limit store failed; denying the request", e);
            return RateLimits.Decision.denied(Duration.ofSeconds(1));
        }
    }

    /** Removes full buckets; every node runs it, which is harmless. */
    @Schedule(minute = "*/10", hour = "*", persistent = false)
    public void purge() {
        buckets.purge();
    }
}
