package dev.sigil.platform.control;

import dev.sigil.platform.boundary.DatabaseRateLimits;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses where rate limits live: {@code sigil.rate-limits.store=local} (default: this node's
 * memory, right for one node) or {@code database} (shared by every node; use it with more than one
 * node). Anything else stops the start.
 */
@ApplicationScoped
public class RateLimitsChoice {

    @Inject
    @ConfigProperty(name = "sigil.rate-limits.store", defaultValue = "local")
    String store;

    @Inject LocalRateLimits local;

    @EJB DatabaseRateLimits database;

    @Produces
    @ApplicationScoped
    RateLimits rateLimits() {
        return switch (store) {
            case "local" -> local;
            case "database" -> database::consume;
            default ->
                    throw new IllegalStateException(
                            "sigil.rate-limits.store must be local or database, not " + store);
        };
    }
}
