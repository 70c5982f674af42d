package dev.sigil.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.audit.control.AuditAppender;
import dev.sigil.audit.control.AuditChain;
import dev.sigil.audit.entity.Actor;
import dev.sigil.audit.entity.ActorType;
import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.audit.entity.AuditEvent;
import dev.sigil.audit.entity.AuditResult;
import dev.sigil.audit.entity.Verification;
import dev.sigil.platform.boundary.SchemaMigration;
import dev.sigil.tokens.control.IssueJournal.Outcome;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The token journal on real databases: H2 (the embedded default) and PostgreSQL at 127.0.0.1:5432
 * (a database of its own per test, dropped afterwards), with the schema from sql/.
 */
@Timeout(120)
class IssueJournalTest {

    static final Instant UNTIL = Instant.now().plus(10, ChronoUnit.MINUTES);

    enum Engine {
        H2,
        POSTGRESQL
    }

    /** One migrated database; closing it drops a PostgreSQL database. */
    static final class Database implements AutoCloseable {
        final DataSource dataSource;
        private final String dropped;

        private Database(DataSource dataSource, String dropped) {
            this.dataSource = dataSource;
            this.dropped = dropped;
        }

        /** Sigil's schema as of the latest migration. */
        static Database open(Engine engine) throws SQLException {
            Database db = empty(engine);
            db.migrate(MigrationVersion.LATEST);
            return db;
        }

        /** Migrates up to {@code target}. */
        void migrate(MigrationVersion target) {
            SchemaMigration.flyway(
                            getClass().getClassLoader(),
                            dataSource,
                            List.of(new UsedAssertionCopy()))
                    .target(target)
                    .load()
                    .migrate();
        }

        /** A database without any schema. */
        static Database empty(Engine engine) throws SQLException {
            if (engine == Engine.H2) {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL(
                        "jdbc:h2:mem:"
                                + UUID.randomUUID()
                                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
                return new Database(h2, null);
            }
            String name = "sigil_journal_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection admin = DriverManager.getConnection(adminUrl(), "postgres", "");
                    Statement create = admin.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL("jdbc:postgresql://127.0.0.1:5432/" + name);
            pg.setUser("postgres");
            return new Database(pg, name);
        }

        private static String adminUrl() {
            return "jdbc:postgresql://127.0.0.1:5432/postgres";
        }

        @Override
        public void close() throws SQLException {
            if (dropped != null) {
                try (Connection admin = DriverManager.getConnection(adminUrl(), "postgres", "");
                        Statement drop = admin.createStatement()) {
                    drop.execute("DROP DATABASE " + dropped + " WITH (FORCE)");
                }
            }
        }
    }

    static IssueJournal journal(DataSource dataSource) {
        IssueJournal cut = new IssueJournal();
        cut.dataSource = dataSource;
        cut.replays = new ReplayRecords();
        cut.audit = new AuditAppender(new AuditChain());
        return cut;
    }

    static AuditEntry issued(String agent) {
        return AuditEntry.allowed(new Actor(ActorType.AGENT, agent), "token:issued", agent, "")
                .forAgent(agent);
    }

    static AuditEntry replayed(String agent) {
        return AuditEntry.denied(
                        new Actor(ActorType.AGENT, agent), "token:denied", agent, "replayed jti")
                .forAgent(agent);
    }

    /** The replay id of assertion {@code jti} of agent {@code "agent-" + jti}. */
    static long id(String jti) {
        return ReplayRecords.id("agent-" + jti, jti);
    }

    static Outcome record(IssueJournal journal, String jti) {
        return journal.record(id(jti), UNTIL, issued("agent-" + jti), replayed("agent-" + jti));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void recordsAnIssueWithItsAuditEvent(Engine engine) throws Exception {
        try (Database db = Database.open(engine)) {
            assertEquals(Outcome.RECORDED, record(journal(db.dataSource), "a"));

            assertEquals(1, count(db, "SELECT COUNT(*) FROM used_assertion WHERE id = " + id("a")));
            List<AuditEvent> events = events(db);
            assertEquals(1, events.size());
            assertEquals("token:issued", events.get(0).action());
            assertEquals("agent-a", events.get(0).agentId());
            assertTrue(verify(db).valid());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void refusesAnIdRecordedBeforeAndAuditsTheReplay(Engine engine) throws Exception {
        try (Database db = Database.open(engine)) {
            IssueJournal cut = journal(db.dataSource);
            assertEquals(Outcome.RECORDED, record(cut, "a"));

            assertEquals(Outcome.REPLAYED, record(cut, "a"));

            assertEquals(1, count(db, "SELECT COUNT(*) FROM used_assertion"));
            List<String> actions = events(db).stream().map(AuditEvent::action).toList();
            assertEquals(List.of("token:issued", "token:denied"), actions);
            assertTrue(verify(db).valid());
        }
    }

    /** Two nodes on one database, 20 requests with one assertion: exactly one token. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void admitsOneOfConcurrentUsesOfAnIdAcrossNodes(Engine engine) throws Exception {
        try (Database db = Database.open(engine)) {
            List<IssueJournal> nodes = List.of(journal(db.dataSource), journal(db.dataSource));
            Map<Outcome, Integer> outcomes = race(20, n -> record(nodes.get(n % 2), "same"));

            assertEquals(1, outcomes.getOrDefault(Outcome.RECORDED, 0), outcomes.toString());
            assertEquals(1, count(db, "SELECT COUNT(*) FROM used_assertion"));
            assertEquals(
                    1, count(db, "SELECT COUNT(*) FROM audit_event WHERE action = 'token:issued'"));
            assertTrue(verify(db).valid());
        }
    }

    /** Many concurrent issues on two nodes: all recorded, one unbroken chain, no gap. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void concurrentIssuesOnTwoNodesKeepOneChain(Engine engine) throws Exception {
        try (Database db = Database.open(engine)) {
            List<IssueJournal> nodes = List.of(journal(db.dataSource), journal(db.dataSource));
            int perThread = 40;
            Map<Outcome, Integer> outcomes =
                    race(
                            16,
                            n -> {
                                Outcome last = null;
                                for (int i = 0; i < perThread; i++) {
                                    last = record(nodes.get(n % 2), n + "-" + i);
                                    assertEquals(Outcome.RECORDED, last);
                                }
                                return last;
                            });

            assertEquals(Map.of(Outcome.RECORDED, 16), outcomes);
            assertEquals(16 * perThread, count(db, "SELECT COUNT(*) FROM used_assertion"));
            Verification verification = verify(db);
            assertTrue(verification.valid(), verification.toString());
            assertEquals(16 * perThread, count(db, "SELECT MAX(seq) FROM audit_event"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneIdTwiceInABatchIsRecordedOnce(Engine engine) throws Exception {
        try (Database db = Database.open(engine)) {
            IssueJournal cut = journal(db.dataSource);
            List<IssueJournal.Entry> batch =
                    List.of(entry("first"), entry("twice"), entry("twice"), entry("last"));

            Map<IssueJournal.Entry, Outcome> outcomes = cut.write(batch);

            List<Outcome> inOrder = batch.stream().map(outcomes::get).toList();
            assertEquals(
                    List.of(Outcome.RECORDED, Outcome.RECORDED, Outcome.REPLAYED, Outcome.RECORDED),
                    inOrder);
            assertEquals(3, count(db, "SELECT COUNT(*) FROM used_assertion"));
            List<String> actions = events(db).stream().map(AuditEvent::action).toList();
            assertEquals(
                    List.of("token:issued", "token:issued", "token:denied", "token:issued"),
                    actions);
            assertTrue(verify(db).valid());
        }
    }

    /**
     * A known id in a batch with new ones is refused in that batch, not by writing the batch again
     * record by record: every event carries the one time the batch was stamped with, from a clock
     * that moves a second at each reading.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKnownIdAmongNewOnesIsRefusedWithinTheBatch(Engine engine) throws Exception {
        try (Database db = Database.open(engine)) {
            IssueJournal cut = journal(db.dataSource);
            assertEquals(Outcome.RECORDED, record(cut, "known"));
            Instant start = Instant.parse("2026-12-03T12:00:00Z");
            AtomicLong readings = new AtomicLong();
            cut.clock =
                    new Clock() {
                        @Override
                        public Instant instant() {
                            return start.plusSeconds(readings.getAndIncrement());
                        }

                        @Override
                        public ZoneId getZone() {
                            return ZoneOffset.UTC;
                        }

                        @Override
                        public Clock withZone(ZoneId zone) {
                            throw new UnsupportedOperationException();
                        }
                    };
            List<IssueJournal.Entry> batch =
                    List.of(entry("new-1"), entry("known"), entry("new-2"));

            Map<IssueJournal.Entry, Outcome> outcomes = cut.write(batch);

            assertEquals(
                    List.of(Outcome.RECORDED, Outcome.REPLAYED, Outcome.RECORDED),
                    batch.stream().map(outcomes::get).toList());
            assertEquals(3, count(db, "SELECT COUNT(*) FROM used_assertion"));
            List<AuditEvent> events = events(db);
            assertEquals(
                    List.of("token:issued", "token:issued", "token:denied", "token:issued"),
                    events.stream().map(AuditEvent::action).toList());
            assertEquals(
                    List.of(start),
                    events.subList(1, 4).stream().map(AuditEvent::at).distinct().toList());
            assertEquals(1, readings.get(), "the batch was written once");
            assertTrue(verify(db).valid());
        }
    }

    static IssueJournal.Entry entry(String jti) {
        return new IssueJournal.Entry(
                id(jti), UNTIL, issued("agent-" + jti), replayed("agent-" + jti));
    }

    interface Job {
        Outcome run(int n) throws Exception;
    }

    private static Map<Outcome, Integer> race(int threads, Job job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Outcome>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                results.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return job.run(n);
                                }));
            }
            start.countDown();
            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            for (Future<Outcome> result : results) {
                outcomes.merge(result.get(), 1, Integer::sum);
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<AuditEvent> events(Database db) throws SQLException {
        List<AuditEvent> events = new ArrayList<>();
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "SELECT seq, at, actor_type, actor_id, agent_id, action, target,"
                                        + " result, detail, prev_hash, hash FROM audit_event"
                                        + " ORDER BY seq");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                AuditEntry entry =
                        new AuditEntry(
                                new Actor(
                                        ActorType.valueOf(r.getString(3).toUpperCase(Locale.ROOT)),
                                        r.getString(4)),
                                r.getString(5),
                                r.getString(6),
                                r.getString(7),
                                AuditResult.valueOf(r.getString(8).toUpperCase(Locale.ROOT)),
                                r.getString(9));
                AuditEvent event =
                        new AuditEvent(
                                r.getLong(1),
                                r.getObject(2, OffsetDateTime.class).toInstant(),
                                entry,
                                r.getString(10));
                event.seal(r.getString(11));
                events.add(event);
            }
        }
        return events;
    }

    private static Verification verify(Database db) throws SQLException {
        AuditChain.Verifier verifier = new AuditChain().verifier();
        for (AuditEvent event : events(db)) {
            verifier.check(event);
        }
        try (Connection c = db.dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet head =
                        s.executeQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")) {
            head.next();
            assertNotEquals(AuditChain.GENESIS, head.getString(2));
            return verifier.result(head.getLong(1), head.getString(2));
        }
    }
}
