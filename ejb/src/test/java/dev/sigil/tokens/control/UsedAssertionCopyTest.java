package dev.sigil.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sigil.platform.control.Secrets;
import dev.sigil.tokens.control.IssueJournal.Outcome;
import dev.sigil.tokens.control.IssueJournalTest.Database;
import dev.sigil.tokens.control.IssueJournalTest.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The upgrade from {@code assertion_replay} (V002) to {@code used_assertion} (V005–V007). */
@Timeout(120)
class UsedAssertionCopyTest {

    @Test
    void anOldIdShortensToTheNewIdOfTheSameAssertion() {
        String hash = Secrets.sha256Hex("agent-1:jti-1");

        assertEquals(ReplayRecords.id("agent-1", "jti-1"), ReplayRecords.idOfHash(hash));
        assertEquals(
                Long.parseUnsignedLong(hash.substring(0, 16), 16),
                ReplayRecords.id("agent-1", "jti-1"));
    }

    /**
     * An assertion used on the earlier version is refused after the upgrade; an expired one is not
     * carried over, and the old table is gone.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void anAssertionUsedBeforeTheUpgradeStaysUsed(Engine engine) throws Exception {
        try (Database db = Database.empty(engine)) {
            db.migrate(MigrationVersion.fromVersion("4"));
            Instant now = Instant.now();
            oldRecord(db, "agent-live:live", now.plus(4, ChronoUnit.MINUTES));
            oldRecord(db, "agent-gone:gone", now.minus(1, ChronoUnit.MINUTES));

            db.migrate(MigrationVersion.LATEST);

            assertEquals(
                    1,
                    IssueJournalTest.count(
                            db,
                            "SELECT COUNT(*) FROM used_assertion WHERE id = "
                                    + IssueJournalTest.id("live")));
            assertEquals(1, IssueJournalTest.count(db, "SELECT COUNT(*) FROM used_assertion"));
            assertThrows(
                    SQLException.class,
                    () -> IssueJournalTest.count(db, "SELECT COUNT(*) FROM assertion_replay"));
            IssueJournal journal = IssueJournalTest.journal(db.dataSource);
            assertEquals(Outcome.REPLAYED, IssueJournalTest.record(journal, "live"));
            assertEquals(Outcome.RECORDED, IssueJournalTest.record(journal, "gone"));
        }
    }

    /** A row as the token endpoint before V005 wrote it: the hex SHA-256 of agent, ':' and jti. */
    private static void oldRecord(Database db, String agentAndJti, Instant expiresAt)
            throws SQLException {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement insert =
                        c.prepareStatement(
                                "INSERT INTO assertion_replay (id, expires_at) VALUES (?, ?)")) {
            insert.setString(1, Secrets.sha256Hex(agentAndJti));
            insert.setObject(2, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}
