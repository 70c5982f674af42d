package dev.sigil.tokens.control;

import jakarta.enterprise.context.Dependent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema migration 6: copies the client-assertion ids of {@code assertion_replay} whose assertions
 * could still be valid into {@code used_assertion} (V005), so that an assertion used before an
 * upgrade is still refused after it. The new id is the first 64 bits of the old one (both hash the
 * same input, see {@link ReplayRecords#id}), which SQL cannot compute the same way on H2 and
 * PostgreSQL; hence Java. {@code SchemaMigration} finds it as a CDI bean.
 */
@Dependent
public class UsedAssertionCopy implements JavaMigration {

    static final int BATCH = 1000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("006");
    }

    @Override
    public String getDescription() {
        return "copy used assertion ids";
    }

    @Override
    public Integer getChecksum() {
        return 1;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        Set<Long> copied = new HashSet<>();
        try (PreparedStatement read =
                        connection.prepareStatement(
                                "SELECT id, expires_at FROM assertion_replay WHERE expires_at >= ?");
                PreparedStatement write =
                        connection.prepareStatement(
                                "INSERT INTO used_assertion (id, expires_at) VALUES (?, ?)")) {
            read.setObject(1, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    long id = ReplayRecords.idOfHash(rows.getString(1));
                    // Two old ids that share 64 bits: the first stands for both.
                    if (copied.add(id)) {
                        write.setLong(1, id);
                        write.setObject(2, rows.getObject(2, OffsetDateTime.class));
                        write.addBatch();
                        if (copied.size() % BATCH == 0) {
                            write.executeBatch();
                        }
                    }
                }
            }
            write.executeBatch();
        }
    }
}
