package dev.sigil.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
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
    private static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

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

    /**
     * Creates {@code name} in the data directory with {@code content}, readable by its owner only
     * from the moment it exists (mode 0600 at creation, never widened then narrowed). Fails if the
     * file exists: secrets are never overwritten in place.
     */
    public Path createOwnerOnly(String name, String content) throws IOException {
        Path file = path().resolve(name);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
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
