package dev.sigil.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The URL clients use to reach Sigil ({@code sigil.public-url}, environment {@code
 * SIGIL_PUBLIC_URL}): the token issuer, and the base of every URL Sigil names to a client.
 */
@ApplicationScoped
public class PublicUrl {

    @Inject
    @ConfigProperty(name = "sigil.public-url", defaultValue = "http://localhost:8080")
    String configured;

    /** The configured URL without a trailing slash, ready to have a path appended. */
    public String base() {
        return configured.endsWith("/")
                ? configured.substring(0, configured.length() - 1)
                : configured;
    }
}
