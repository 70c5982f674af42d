package dev.sigil.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Records client-assertion ids in the {@code assertion_replay} table over a JDBC connection whose
 * transaction the caller owns (R6.4, R6.13). One JDBC batch of inserts both records the new ids and
 * names the known ones, without a read before the write. On PostgreSQL each insert is {@code ON
 * CONFLICT DO NOTHING}, and a known id counts 0 rows. On H2 each is a plain insert: H2 goes on with
 * the batch past a failed row, undoes only that row, reports it as {@link Statement#EXECUTE_FAILED}
 * and keeps the transaction usable, so a known id is a row that failed on the primary key. (A
 * {@code MERGE ... WHEN NOT MATCHED}, which H2 also offers, cost three times the insert: a tenth of
 * the token endpoint's CPU.) When another node or transaction inserts the same id at the same
 * moment, the database serializes the two and the later one finds the id known. Neither ever
 * records one id twice.
 */
@ApplicationScoped
public class ReplayRecords {

    static final String INSERT_POSTGRESQL =
            "INSERT INTO assertion_replay (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING";

    static final String INSERT_STANDARD =
            "INSERT INTO assertion_replay (id, expires_at) VALUES (?, ?)";

    /** SQLSTATE of a unique or primary-key violation. */
    static final String UNIQUE_VIOLATION = "23505";

    /** The insert for the one database Sigil runs on, chosen at the first batch. */
    private volatile String insert;

    private String insertFor(Connection connection) throws SQLException {
        String chosen = insert;
        if (chosen == null) {
            String product = connection.getMetaData().getDatabaseProductName();
            chosen = "PostgreSQL".equals(product) ? INSERT_POSTGRESQL : INSERT_STANDARD;
            insert = chosen;
        }
        return chosen;
    }

    /**
     * @param ids distinct ids and when each may be forgotten
     * @return the ids that were recorded before; all others are recorded now
     * @throws SQLException as the database reports it; the caller's transaction must then roll back
     */
    public Set<String> recordAll(Connection connection, Map<String, Instant> ids)
            throws SQLException {
        Set<String> known = new HashSet<>();
        if (ids.isEmpty()) {
            return known;
        }
        int[] counts;
        try (PreparedStatement insert = connection.prepareStatement(insertFor(connection))) {
            for (Map.Entry<String, Instant> id : ids.entrySet()) {
                insert.setString(1, id.getKey());
                insert.setObject(2, OffsetDateTime.ofInstant(id.getValue(), ZoneOffset.UTC));
                insert.addBatch();
            }
            try {
                counts = insert.executeBatch();
            } catch (BatchUpdateException e) {
                counts = countsOfKnownIds(e);
            }
        }
        if (counts.length != ids.size()) {
            throw new SQLException("The replay batch answered for the wrong number of ids");
        }
        Iterator<String> order = ids.keySet().iterator();
        for (int count : counts) {
            String id = order.next();
            if (count == 0 || count == Statement.EXECUTE_FAILED) {
                known.add(id);
            } else if (count != 1) {
                // Statement.SUCCESS_NO_INFO or worse: whether the id was new is unknown.
                throw new SQLException("The replay batch did not say which ids were new");
            }
        }
        return known;
    }

    /**
     * The counts of a batch whose failed rows all failed on the primary key, which the database
     * went past; anything else is rethrown.
     */
    private static int[] countsOfKnownIds(BatchUpdateException e) throws BatchUpdateException {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw e;
        }
        for (SQLException next = e.getNextException();
                next != null;
                next = next.getNextException()) {
            if (!UNIQUE_VIOLATION.equals(next.getSQLState())) {
                throw e;
            }
        }
        return e.getUpdateCounts();
    }
}
