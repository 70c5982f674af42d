package dev.sigil.platform.control;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The JDBC data source behind {@code java:app/jdbc/sigil}, chosen from MicroProfile Config when the
 * container's pool first asks for a connection: {@code sigil.db.url} (environment {@code
 * SIGIL_DB_URL}) with {@code sigil.db.user} and {@code sigil.db.password}; without a URL, H2 in
 * file mode under the data directory. The pool around it is the container's.
 */
public class ConfiguredDataSource implements DataSource {

    public static final String URL_KEY = "sigil.db.url";

    private volatile DataSource target;
    private PrintWriter logWriter;
    private int loginTimeout;

    private DataSource target() {
        DataSource current = target;
        if (current == null) {
            synchronized (this) {
                current = target;
                if (current == null) {
                    current = create(ConfigProvider.getConfig(getClass().getClassLoader()));
                    target = current;
                }
            }
        }
        return current;
    }

    static DataSource create(Config config) {
        String url =
                config.getOptionalValue(URL_KEY, String.class)
                        .filter(u -> !u.isBlank())
                        .orElseGet(() -> h2Url(config));
        String user = config.getOptionalValue("sigil.db.user", String.class).orElse("");
        String password = config.getOptionalValue("sigil.db.password", String.class).orElse("");
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user.isEmpty() ? "sa" : user);
            h2.setPassword(password);
            return h2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            if (!user.isEmpty()) {
                pg.setUser(user);
            }
            if (!password.isEmpty()) {
                pg.setPassword(password);
            }
            return pg;
        }
        throw new IllegalStateException(
                URL_KEY + " must be a jdbc:h2: or jdbc:postgresql: URL, got another scheme");
    }

    /**
     * H2's page cache, in KiB: 64 MiB instead of H2's 16, so that the audit chain and the replay
     * table of a busy token endpoint are written without re-reading evicted pages from the file.
     */
    static final int H2_CACHE_KIB = 65536;

    static String h2Url(Config config) {
        return "jdbc:h2:file:"
                + DataDirectory.of(config).resolve("db").resolve("sigil")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;CACHE_SIZE="
                + H2_CACHE_KIB;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return target().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return target().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target().isWrapperFor(iface);
    }
}
