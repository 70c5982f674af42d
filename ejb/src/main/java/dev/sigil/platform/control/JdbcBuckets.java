package dev.sigil.platform.control;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bucket4j's buckets in the {@code rate_limit_bucket} table, so every node draws on the same
 * allowance. Bucket4j's own select-for-update protocol does the work; this class only speaks SQL
 * that H2 and PostgreSQL share. The connections must not take part in a container transaction.
 */
public class JdbcBuckets extends AbstractSelectForUpdateBasedProxyManager<String> {

    /** A bucket row lives until its bucket would be full again, and ten seconds more. */
    private static final ExpirationAfterWriteStrategy EXPIRY =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    Duration.ofSeconds(10));

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcBuckets(DataSource dataSource, Clock clock) {
        super(ClientSideConfig.getDefault());
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(
            String key, Optional<Long> requestTimeoutNanos) {
        return new Transaction(key);
    }

    @Override
    public void removeProxy(String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM rate_limit_bucket WHERE id = ?")) {
            delete.setString(1, key);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot remove bucket", e);
        }
    }

    /** Removes buckets that have refilled completely; returns how many. */
    public int purge() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete =
                        connection.prepareStatement(
                                "DELETE FROM rate_limit_bucket WHERE expires_at < ?")) {
            delete.setLong(1, clock.millis());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot purge buckets", e);
        }
    }

    private final class Transaction implements SelectForUpdateBasedTransaction {

        private final String key;
        private Connection connection;

        Transaction(String key) {
            this.key = key;
        }

        @Override
        public void begin(Optional<Long> timeout) {
            try {
                connection = dataSource.getConnection();
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public LockAndGetResult tryLockAndGet(Optional<Long> timeout) {
            try (PreparedStatement select =
                    connection.prepareStatement(
                            "SELECT state FROM rate_limit_bucket WHERE id = ? FOR UPDATE")) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? LockAndGetResult.locked(row.getBytes(1))
                            : LockAndGetResult.notLocked();
                }
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public boolean tryInsertEmptyData(Optional<Long> timeout) {
            Savepoint before = null;
            try (PreparedStatement insert =
                    connection.prepareStatement(
                            "INSERT INTO rate_limit_bucket (id, state, expires_at) VALUES (?, NULL, ?)")) {
                before = connection.setSavepoint();
                insert.setString(1, key);
                insert.setLong(2, Long.MAX_VALUE);
                insert.executeUpdate();
                connection.releaseSavepoint(before);
                return true;
            } catch (SQLException raced) {
                // Another node inserted it first: undo only the insert and lock that row instead.
                try {
                    if (before != null) {
                        connection.rollback(before);
                    }
                } catch (SQLException e) {
                    throw failure(e);
                }
                return false;
            }
        }

        @Override
        public void update(byte[] data, RemoteBucketState state, Optional<Long> timeout) {
            long now = clock.millis();
            long ttl = EXPIRY.calculateTimeToLiveMillis(state, now * 1_000_000L);
            try (PreparedStatement update =
                    connection.prepareStatement(
                            "UPDATE rate_limit_bucket SET state = ?, expires_at = ? WHERE id = ?")) {
                update.setBytes(1, data);
                update.setLong(2, now + ttl);
                update.setString(3, key);
                update.executeUpdate();
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public void commit(Optional<Long> timeout) {
            try {
                connection.commit();
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public void rollback() {
            try {
                connection.rollback();
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public void release() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        private IllegalStateException failure(SQLException e) {
            return new IllegalStateException("Rate-limit store failed", e);
        }
    }
}
