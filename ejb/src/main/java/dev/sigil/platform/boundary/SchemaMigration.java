package dev.sigil.platform.boundary;

import dev.sigil.platform.control.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Defines Sigil's data source and brings its schema up to date before anything else runs. Every
 * other startup bean that touches the database declares {@code @DependsOn("SchemaMigration")}. The
 * migrations are the SQL files of {@code sql/} and, for the few steps SQL cannot say the same way
 * on every database, the components' {@link JavaMigration} beans.
 */
@Singleton
@Startup
@DataSourceDefinition(
        name = SchemaMigration.DATA_SOURCE,
        className = "dev.sigil.platform.control.ConfiguredDataSource",
        minPoolSize = 1,
        maxPoolSize = 32,
        maxIdleTime = 300,
        properties = {
            // Payara's pool prepares every statement afresh unless told otherwise: 3 % of the
            // token endpoint's CPU on H2. FIXED names the cache type, which Payara needs when a
            // size is set (issue 6647); Sigil's statements are far fewer than 64.
            "fish.payara.statement-cache-size=64",
            "fish.payara.statement-cache-type=FIXED"
        })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    public static final String DATA_SOURCE = "java:app/jdbc/sigil";

    private static final Logger LOG = System.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    @Inject DataDirectory dataDirectory;

    @Inject @Any Instance<JavaMigration> javaMigrations;

    /** Sigil's migrations on {@code dataSource}; tests name the Java migrations they need. */
    public static FluentConfiguration flyway(
            ClassLoader loader, DataSource dataSource, List<JavaMigration> javaMigrations) {
        return Flyway.configure(loader)
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(javaMigrations.toArray(JavaMigration[]::new));
    }

    @PostConstruct
    void migrate() {
        LOG.log(Level.INFO, "Sigil data directory: {0}", dataDirectory.path());
        MigrateResult result =
                flyway(
                                SchemaMigration.class.getClassLoader(),
                                dataSource,
                                javaMigrations.stream().toList())
                        .load()
                        .migrate();
        LOG.log(
                Level.INFO,
                "Database schema at version {0} ({1} migration(s) applied now)",
                result.targetSchemaVersion,
                result.migrationsExecuted);
    }
}
