package dev.sigil.agent.keys;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The agent's private key on disk ({@code agent-key.pem}), with its staged successor ({@code
 * agent-key.pem.new}) and its predecessor ({@code agent-key.pem.previous}), all mode {@code 0600}.
 *
 * <p>A new key is {@linkplain #stage staged} before the server is told about it and {@linkplain
 * #commit committed} once the server has accepted it; when the server refuses it, it is {@linkplain
 * #discardStaged discarded}. A process that changes these files holds the {@linkplain #lock lock}
 * ({@code agent-key.pem.lock}) while it does, so that {@code rotate-key} by hand and the service's
 * own rotation never work on one staged key at once.
 */
public final class KeyFile {

    private final Path path;

    public KeyFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
    }

    public Path stagedPath() {
        return path.resolveSibling(path.getFileName() + ".new");
    }

    public Path previousPath() {
        return path.resolveSibling(path.getFileName() + ".previous");
    }

    public Path lockPath() {
        return path.resolveSibling(path.getFileName() + ".lock");
    }

    /** Held while a process changes the key files; released by {@link #close} or by its exit. */
    public static final class Lock implements AutoCloseable {

        private final FileChannel channel;

        private Lock(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void close() {
            try {
                channel.close(); // releases the lock
            } catch (IOException e) {
                // The lock goes with the channel's descriptor in any case.
            }
        }
    }

    /**
     * Takes the lock on these key files, waiting while another process holds it (an
     * operating-system lock on {@link #lockPath()}, which the holder's exit releases even when it
     * crashed). Creates the directory (mode {@code 0700}) and the lock file (mode {@code 0600})
     * when missing.
     *
     * @param waiting told once, with a line to show, when another process holds the lock
     */
    public Lock lock(Consumer<String> waiting) {
        Path lockFile = lockPath();
        FileChannel channel = null;
        try {
            PrivateFiles.createDirectories(path.getParent());
            channel = PrivateFiles.openOrCreate(lockFile);
            if (channel.tryLock() == null) {
                waiting.accept(
                        "Waiting for another sigil-agent process to finish with the key files"
                                + " (it holds "
                                + lockFile
                                + ")...");
                channel.lock();
            }
            return new Lock(channel);
        } catch (IOException | UnsupportedOperationException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw io("cannot lock the key files with " + lockFile, e);
        }
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** Reads the current key. */
    public AgentKeyPair read() {
        String pem;
        try {
            pem = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw io("cannot read the key file " + path, e);
        }
        try {
            return AgentKeyPair.fromPem(pem);
        } catch (KeyFileException e) {
            throw new KeyFileException(
                    e.kind(), "the key file " + path + " is not usable: " + e.getMessage(), null);
        }
    }

    /**
     * Writes {@code key} to {@link #stagedPath()} (mode {@code 0600}), creating the directory (mode
     * {@code 0700}) when missing. A stale staged key is replaced.
     */
    public void stage(AgentKeyPair key) {
        try {
            PrivateFiles.createDirectories(path.getParent());
            PrivateFiles.write(stagedPath(), key.toPem().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | UnsupportedOperationException e) {
            throw io("cannot write the private key to " + stagedPath(), e);
        }
    }

    /**
     * Moves the staged key into place. The current key, if any, is first copied to {@link
     * #previousPath()} (mode {@code 0600}); the key file itself is replaced by one rename, so it
     * never goes missing.
     */
    public void commit() {
        try {
            if (Files.exists(path)) {
                PrivateFiles.write(previousPath(), Files.readAllBytes(path));
            }
            PrivateFiles.replace(stagedPath(), path);
        } catch (IOException | UnsupportedOperationException e) {
            throw io("cannot move the new key from " + stagedPath() + " to " + path, e);
        }
    }

    /** Deletes the staged key, if there is one. */
    public void discardStaged() {
        try {
            Files.deleteIfExists(stagedPath());
        } catch (IOException e) {
            throw io("cannot delete " + stagedPath(), e);
        }
    }

    private static KeyFileException io(String what, Exception e) {
        return new KeyFileException(KeyFileException.Kind.IO, what + ": " + reason(e), e);
    }

    /** A short reason for a file-system failure, without repeating the path. */
    public static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof UnsupportedOperationException) {
            return "the file system does not support POSIX permissions";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
