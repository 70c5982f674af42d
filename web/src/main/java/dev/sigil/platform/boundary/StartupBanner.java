package dev.sigil.platform.boundary;

import dev.sigil.platform.control.DataDirectory;
import dev.sigil.platform.control.PublicUrl;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;

/** Tells the operator, once the web module is up, where Sigil answers and what to do next. */
@WebListener
public class StartupBanner implements ServletContextListener {

    private static final Logger LOG = System.getLogger(StartupBanner.class.getName());

    @Inject DataDirectory dataDirectory;

    @Inject PublicUrl publicUrl;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String base = publicUrl.base();
        boolean setupPending = Files.exists(dataDirectory.path().resolve("setup-token"));
        LOG.log(
                Level.INFO,
                "Sigil is up. REST API: {0}/api/v1 (description: {0}/openapi), readiness:"
                        + " {0}/health/ready, data directory: {1}. {2}",
                base,
                dataDirectory.path(),
                setupPending
                        ? "Setup is pending: the one-time setup token is in "
                                + dataDirectory.path().resolve("setup-token")
                                + "; POST it to "
                                + base
                                + "/api/v1/setup to get the first admin API key."
                        : "Setup is complete; use an admin API key (X-API-Key header).");
    }
}
