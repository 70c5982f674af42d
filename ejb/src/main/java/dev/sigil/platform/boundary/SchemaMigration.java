package dev.sigil.platform.boundary;

import dev.sigil.platform.control.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Defines Sigil's data source and brings its schema up to date before anything else runs. Every
 * other startup bean that touches the database declares {@code @DependsOn("SchemaMigration")}.
 */
@Singleton
@Startup
@DataSourceDefinition(
        name = SchemaMigration.DATA_SOURCE,
        className = "dev.sigil.platform.control.ConfiguredDataSource",
        minPoolSize = 1,
        maxPoolSize = 32,
        maxIdleTime = 300)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    public static final String DATA_SOURCE = "java:app/jdbc/sigil";

    private static final Logger LOG = System.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    @Inject DataDirectory dataDirectory;

    @PostConstruct
    void migrate() {
        LOG.log(Level.INFO, "Sigil data directory: {0}", dataDirectory.path());
        MigrateResult result =
                Flyway.configure(SchemaMigration.class.getClassLoader())
                        .dataSource(dataSource)
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
        LOG.log(
                Level.INFO,
                "Database schema at version {0} ({1} migration(s) applied now)",
                result.targetSchemaVersion,
                result.migrationsExecuted);
    }
}
