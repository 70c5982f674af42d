package dev.sigil.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The directory where this node keeps its state: the H2 database, the embedded broker's journal and
 * the one-time setup token. {@code sigil.data.dir} (environment {@code SIGIL_DATA_DIR}), default
 * {@code ./sigil-data} relative to the working directory.
 */
@ApplicationScoped
public class DataDirectory {

    public static final String KEY = "sigil.data.dir";
    static final String DEFAULT = "sigil-data";

    @Inject
    @ConfigProperty(name = KEY, defaultValue = DEFAULT)
    String configured;

    private Path path;

    /** The absolute data directory, created if missing. */
    public synchronized Path path() {
        if (path == null) {
            path = create(Path.of(configured));
        }
        return path;
    }

    /** For code the container does not inject (the data source). */
    public static Path of(Config config) {
        return create(Path.of(config.getOptionalValue(KEY, String.class).orElse(DEFAULT)));
    }

    private static Path create(Path dir) {
        try {
            return Files.createDirectories(dir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dir, e);
        }
    }
}
