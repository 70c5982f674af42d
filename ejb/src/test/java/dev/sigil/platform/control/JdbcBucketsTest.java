package dev.sigil.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.platform.boundary.SchemaMigration;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shared buckets on a real database (H2 in memory, the schema from sql/). */
class JdbcBucketsTest {

    JdbcDataSource database;
    JdbcBuckets cut;

    @BeforeEach
    void migrate() {
        database = new JdbcDataSource();
        database.setURL(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        SchemaMigration.flyway(getClass().getClassLoader(), database, List.of()).load().migrate();
        cut = new JdbcBuckets(database, Clock.systemUTC());
    }

    BucketProxy bucket(String key, int perMinute) {
        return cut.builder()
                .build(
                        key,
                        () ->
                                BucketConfiguration.builder()
                                        .addLimit(
                                                Bandwidth.builder()
                                                        .capacity(perMinute)
                                                        .refillGreedy(
                                                                perMinute, Duration.ofMinutes(1))
                                                        .build())
                                        .build());
    }

    @Test
    void twoNodesDrawOnOneAllowance() {
        JdbcBuckets otherNode = new JdbcBuckets(database, Clock.systemUTC());
        assertTrue(bucket("apikey:a", 3).tryConsume(1));
        assertTrue(otherNode.builder().build("apikey:a", () -> null).tryConsume(1));
        assertTrue(bucket("apikey:a", 3).tryConsume(1));
        assertFalse(otherNode.builder().build("apikey:a", () -> null).tryConsume(1));
        assertTrue(bucket("apikey:b", 3).tryConsume(1), "another key has its own bucket");
    }

    @Test
    void concurrentTakersNeverExceedTheAllowance() throws Exception {
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> takers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            takers.add(
                    pool.submit(
                            () -> {
                                if (bucket("token-client:127.0.0.1", 10).tryConsume(1)) {
                                    granted.incrementAndGet();
                                }
                            }));
        }
        for (Future<?> taker : takers) {
            taker.get();
        }
        pool.shutdown();
        assertEquals(10, granted.get());
    }
}
