package dev.sigil.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.sigil.platform.boundary.SchemaMigration;
import dev.sigil.platform.control.Secrets;
import dev.sigil.tokens.control.ReplayRecords;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;

/**
 * What a token's replay record costs the database, with nothing else running: the process CPU per
 * id of recording it (batches of 32, as the token endpoint's group commits write them under load)
 * and of purging it a minute's worth at a time, on an H2 file database as the embedded default
 * opens it, with about five minutes of ids live. Two schemas: Sigil's table ({@code
 * used_assertion}, written by {@link ReplayRecords}) and the one before V005 ({@code
 * assertion_replay}: a 64-character hex key and an index on the expiry).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.sigil.bench.ReplayStoreCost [ids per minute]}
 */
public final class ReplayStoreCost {

    static final int BATCH = 32;
    static final int MINUTES = 9;
    static final int LIVE_MINUTES = 5;
    static final int MEASURED_FROM = 6;

    static final String OLD_INSERT =
            "MERGE INTO assertion_replay r USING (VALUES (CAST(? AS VARCHAR(64)),"
                    + " CAST(? AS TIMESTAMP WITH TIME ZONE))) AS v (id, expires_at) ON r.id = v.id"
                    + " WHEN NOT MATCHED THEN INSERT (id, expires_at) VALUES (v.id, v.expires_at)";

    private ReplayStoreCost() {}

    public static void main(String[] args) throws Exception {
        int perMinute = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        System.out.printf(
                "%d ids a minute, %d minutes, ids live for %d minutes; process CPU per id,"
                        + " mean of minutes %d to %d%n",
                perMinute, MINUTES, LIVE_MINUTES, MEASURED_FROM + 1, MINUTES);
        for (boolean before : new boolean[] {true, false}) {
            Path dir = Files.createTempDirectory("sigil-replay-cost");
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(
                    "jdbc:h2:file:"
                            + dir.resolve("sigil")
                            + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;CACHE_SIZE=65536");
            h2.setUser("sa");
            SchemaMigration.flyway(ReplayStoreCost.class.getClassLoader(), h2, List.of())
                    .target(MigrationVersion.fromVersion(before ? "004" : "007"))
                    .load()
                    .migrate();
            try (Connection connection = h2.getConnection()) {
                run(connection, before, perMinute);
                connection.createStatement().execute("SHUTDOWN");
            }
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void run(Connection connection, boolean before, int perMinute)
            throws SQLException {
        connection.setAutoCommit(false);
        ReplayRecords records = new ReplayRecords();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        double insert = 0;
        double purge = 0;
        for (int minute = 0; minute < MINUTES; minute++) {
            long cpu0 = cpu();
            Map<Long, Instant> batch = new LinkedHashMap<>();
            Map<String, Instant> oldBatch = new LinkedHashMap<>();
            for (int i = 0; i < perMinute; i++) {
                String agent = UUID.randomUUID().toString();
                String jti = UUID.randomUUID().toString();
                Instant expiry =
                        start.plus(Duration.ofMinutes(minute)).plusMillis(i * 60_000L / perMinute);
                if (before) {
                    oldBatch.put(Secrets.sha256Hex(agent + ":" + jti), expiry);
                } else {
                    batch.put(ReplayRecords.id(agent, jti), expiry);
                }
                if (batch.size() + oldBatch.size() == BATCH || i == perMinute - 1) {
                    if (before) {
                        oldRecordAll(connection, oldBatch);
                    } else {
                        records.recordAll(connection, batch);
                    }
                    connection.commit();
                    batch.clear();
                    oldBatch.clear();
                }
            }
            long cpu1 = cpu();
            int purged;
            try (PreparedStatement delete =
                    connection.prepareStatement(
                            "DELETE FROM "
                                    + (before ? "assertion_replay" : "used_assertion")
                                    + " WHERE expires_at < ?")) {
                delete.setObject(
                        1,
                        OffsetDateTime.ofInstant(
                                start.plus(Duration.ofMinutes(minute - LIVE_MINUTES)),
                                ZoneOffset.UTC));
                purged = delete.executeUpdate();
                connection.commit();
            }
            long cpu2 = cpu();
            if (minute >= MEASURED_FROM) {
                insert += (cpu1 - cpu0) / 1e3 / perMinute;
                purge += (cpu2 - cpu1) / 1e3 / Math.max(1, purged);
            }
        }
        int measured = MINUTES - MEASURED_FROM;
        System.out.printf(
                "%-52s record %5.1f µs + purge %5.1f µs = %5.1f µs per id%n",
                before
                        ? "assertion_replay (before V005: hex key, expiry index)"
                        : "used_assertion (BIGINT key, no expiry index)",
                insert / measured,
                purge / measured,
                (insert + purge) / measured);
    }

    /** The pre-V005 write, as ReplayRecords did it on H2 then. */
    private static void oldRecordAll(Connection connection, Map<String, Instant> ids)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(OLD_INSERT)) {
            for (Map.Entry<String, Instant> id : ids.entrySet()) {
                insert.setString(1, id.getKey());
                insert.setObject(2, OffsetDateTime.ofInstant(id.getValue(), ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static long cpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
