package dev.sigil.tokens.control;

import dev.sigil.audit.control.AuditAppender;
import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.platform.boundary.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What an issued token leaves behind: the replay record of its client assertion and its audit
 * event, written together in group commits. A request thread hands its record over and waits;
 * whichever waiting thread finds no write in progress takes everything queued (up to {@value
 * #MAX_BATCH} records) and writes it in one local JDBC transaction: one batch of replay inserts,
 * one lock of the audit chain's head, one batch of audit events, one commit. Under load the batches
 * grow by themselves; a lone request is a batch of one and waits for nobody.
 *
 * <p>A token is handed out only after its records committed. A batch that fails (another node
 * recorded one of its ids at the same moment, or the database refused) is written again one record
 * at a time, so one bad record never sinks the rest and nothing fails open.
 *
 * <p>Call it outside a JTA transaction (the token endpoint runs without one): it commits its own.
 */
@ApplicationScoped
public class IssueJournal {

    private static final Logger LOG = System.getLogger(IssueJournal.class.getName());

    static final int MAX_BATCH = 256;

    /** What became of a record. */
    public enum Outcome {
        /** The replay id is new: both records committed with the issue's audit event. */
        RECORDED,
        /** The replay id was known: nothing was recorded but the replay's audit event. */
        REPLAYED,
        /** The database refused even this record on its own; nothing of it is known to exist. */
        FAILED
    }

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Inject ReplayRecords replays;

    @Inject AuditAppender audit;

    Clock clock = Clock.systemUTC();

    private final Object lock = new Object();

    /** Records handed over and not yet taken by a writer; guarded by {@link #lock}. */
    private final List<Entry> queued = new ArrayList<>();

    /** Whether a thread is writing a batch; guarded by {@link #lock}. */
    private boolean writing;

    static final class Entry {
        final long replayId;
        final Instant replayUntil;
        final AuditEntry issued;
        final AuditEntry replayed;

        /** Guarded by {@link IssueJournal#lock}; set once. */
        Outcome outcome;

        Entry(long replayId, Instant replayUntil, AuditEntry issued, AuditEntry replayed) {
            this.replayId = replayId;
            this.replayUntil = replayUntil;
            this.issued = issued;
            this.replayed = replayed;
        }
    }

    /**
     * Records one issue and returns once it is committed (or known to have failed).
     *
     * @param replayId the client assertion's {@link ReplayRecords#id id}
     * @param replayUntil when the assertion could no longer be valid
     * @param issued the audit event when the id is new
     * @param replayed the audit event when the id was seen before
     */
    public Outcome record(
            long replayId, Instant replayUntil, AuditEntry issued, AuditEntry replayed) {
        Entry entry = new Entry(replayId, replayUntil, issued, replayed);
        boolean interrupted = false;
        try {
            synchronized (lock) {
                queued.add(entry);
            }
            while (true) {
                List<Entry> batch;
                synchronized (lock) {
                    while (entry.outcome == null && writing) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            // The record may already be in a batch being written: wait for it.
                            interrupted = true;
                        }
                    }
                    if (entry.outcome != null) {
                        return entry.outcome;
                    }
                    writing = true;
                    List<Entry> taken = queued.subList(0, Math.min(queued.size(), MAX_BATCH));
                    batch = new ArrayList<>(taken);
                    taken.clear();
                }
                Map<Entry, Outcome> outcomes = Map.of();
                try {
                    outcomes = write(batch);
                } finally {
                    synchronized (lock) {
                        for (Entry written : batch) {
                            written.outcome = outcomes.getOrDefault(written, Outcome.FAILED);
                        }
                        writing = false;
                        lock.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes one batch; package-private for tests, which hand it batches of their making. */
    Map<Entry, Outcome> write(List<Entry> batch) {
        try {
            return writeTogether(batch);
        } catch (Exception e) {
            if (batch.size() == 1) {
                LOG.log(
                        Level.WARNING,
                        "Recording an issued token failed: {0}",
                        e.getClass().getName());
                return Map.of(batch.get(0), Outcome.FAILED);
            }
            Map<Entry, Outcome> outcomes = new IdentityHashMap<>();
            for (Entry entry : batch) {
                outcomes.putAll(write(List.of(entry)));
            }
            return outcomes;
        }
    }

    private Map<Entry, Outcome> writeTogether(List<Entry> batch) throws SQLException {
        Map<Entry, Outcome> outcomes = new IdentityHashMap<>();
        Map<Long, Instant> ids = new LinkedHashMap<>();
        for (Entry entry : batch) {
            boolean first = ids.putIfAbsent(entry.replayId, entry.replayUntil) == null;
            outcomes.put(entry, first ? Outcome.RECORDED : Outcome.REPLAYED);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Set<Long> known = replays.recordAll(connection, ids);
                List<AuditEntry> events = new ArrayList<>(batch.size());
                for (Entry entry : batch) {
                    if (known.contains(entry.replayId)) {
                        outcomes.put(entry, Outcome.REPLAYED);
                    }
                    events.add(
                            outcomes.get(entry) == Outcome.RECORDED
                                    ? entry.issued
                                    : entry.replayed);
                }
                audit.appendAll(connection, events, Instant.now(clock));
                connection.commit();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
