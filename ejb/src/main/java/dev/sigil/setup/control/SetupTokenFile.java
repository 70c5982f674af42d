package dev.sigil.setup.control;

import dev.sigil.platform.control.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The setup token on disk: {@code <data dir>/setup-token}, readable by its owner only. */
@ApplicationScoped
public class SetupTokenFile {

    static final String NAME = "setup-token";

    @Inject DataDirectory dataDirectory;

    public Path path() {
        return dataDirectory.path().resolve(NAME);
    }

    public boolean exists() {
        return Files.exists(path());
    }

    /** Writes the token to a new file created with mode 0600 (never widened, then narrowed). */
    public void write(String token) {
        Path file = path();
        try {
            Files.deleteIfExists(file);
            dataDirectory.createOwnerOnly(NAME, token + System.lineSeparator());
        } catch (FileAlreadyExistsException raced) {
            throw new UncheckedIOException(
                    "Another process wrote " + file + " at the same time", raced);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the setup token to " + file, e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(path());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path(), e);
        }
    }
}
