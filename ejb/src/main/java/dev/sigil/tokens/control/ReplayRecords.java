package dev.sigil.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Records client-assertion ids in the {@code used_assertion} table over a JDBC connection whose
 * transaction the caller owns (R6.4, R6.13). An id is 64 bits of a hash of agent and {@code jti}
 * (see {@link #id}), the table's primary key. Each id is an insert that does nothing when the id is
 * there already, so one JDBC batch both records the new ids and names the known ones, without a
 * read before the write: {@code INSERT ... ON CONFLICT DO NOTHING} on PostgreSQL, {@code MERGE ...
 * WHEN NOT MATCHED} on H2. When another node inserts the same id at the same moment, the database
 * serializes the two: PostgreSQL makes the later insert do nothing, H2 fails it with the primary
 * key's violation. Neither ever records one id twice.
 */
@ApplicationScoped
public class ReplayRecords {

    static final String INSERT_POSTGRESQL =
            "INSERT INTO used_assertion (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING";

    static final String INSERT_STANDARD =
            "MERGE INTO used_assertion r USING (VALUES (CAST(? AS BIGINT),"
                    + " CAST(? AS TIMESTAMP WITH TIME ZONE))) AS v (id, expires_at) ON r.id = v.id"
                    + " WHEN NOT MATCHED THEN INSERT (id, expires_at) VALUES (v.id, v.expires_at)";

    /**
     * The id of an agent's client assertion: the first 64 bits (big-endian) of SHA-256 over agent
     * id, {@code ':'} and {@code jti}. Two assertions that share an id make the later one look
     * replayed, which refuses it; at a million live ids that happens once in ~10^13 tokens.
     */
    public static long id(String agentId, String jti) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest((agentId + ":" + jti).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /** The id of an assertion recorded before V005 by the hex SHA-256 that {@link #id} shortens. */
    static long idOfHash(String sha256Hex) {
        return HexFormat.fromHexDigitsToLong(sha256Hex, 0, 2 * Long.BYTES);
    }

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
    public Set<Long> recordAll(Connection connection, Map<Long, Instant> ids) throws SQLException {
        Set<Long> known = new HashSet<>();
        if (ids.isEmpty()) {
            return known;
        }
        try (PreparedStatement insert = connection.prepareStatement(insertFor(connection))) {
            for (Map.Entry<Long, Instant> id : ids.entrySet()) {
                insert.setLong(1, id.getKey());
                insert.setObject(2, OffsetDateTime.ofInstant(id.getValue(), ZoneOffset.UTC));
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            if (counts.length != ids.size()) {
                throw new SQLException("The replay batch answered for the wrong number of ids");
            }
            Iterator<Long> order = ids.keySet().iterator();
            for (int count : counts) {
                Long id = order.next();
                if (count == 0) {
                    known.add(id);
                } else if (count != 1) {
                    // Statement.SUCCESS_NO_INFO or worse: whether the id was new is unknown.
                    throw new SQLException("The replay batch did not say which ids were new");
                }
            }
        }
        return known;
    }
}
