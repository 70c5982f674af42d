package dev.sigil.agent.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Writes files whose permissions are fixed when they are created, and replaces them atomically.
 *
 * <p>Every file is first written to a sibling temporary file that is created with the final
 * permissions ({@link PosixFilePermissions#asFileAttribute}), flushed to disk, and then renamed
 * over the target. The umask can only narrow those permissions, never widen them.
 */
public final class PrivateFiles {

    /** Owner read and write: {@code 0600}. */
    public static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

    /** Owner read and write, others read: {@code 0644}, for files without secrets. */
    public static final Set<PosixFilePermission> WORLD_READABLE =
            PosixFilePermissions.fromString("rw-r--r--");

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private PrivateFiles() {}

    /** Creates {@code dir} and missing parents with mode {@code 0700}; existing ones are kept. */
    public static void createDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, OWNER_ONLY_DIRECTORY);
        }
    }

    /** Writes {@code content} to {@code target} with mode {@code 0600}, replacing it atomically. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, OWNER_ONLY);
    }

    /** Writes {@code content} to {@code target} with {@code permissions}, replacing atomically. */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions)
            throws IOException {
        Path temporary = createExclusively(temporarySibling(target), content, permissions);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary, e);
            throw e;
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Creates {@code target}, which must not exist yet, with {@code permissions} and {@code
     * content}, and forces it to disk.
     */
    public static Path createExclusively(
            Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        FileChannel channel =
                FileChannel.open(
                        target,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(permissions));
        try (channel) {
            var buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(target, e);
            throw e;
        }
        return target;
    }

    /**
     * Opens {@code target} for writing, creating it empty with mode {@code 0600} when missing, in
     * one step: two processes opening it at once open the same file.
     */
    public static FileChannel openOrCreate(Path target) throws IOException {
        return FileChannel.open(
                target,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }

    /** Renames {@code source} over {@code target} in one step. */
    public static void replace(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    private static void deleteQuietly(Path file, Exception cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static Path temporarySibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Makes a rename durable; best effort, as some file systems cannot sync a directory. */
    private static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException ignored) {
            // The rename itself has happened; only its durability across a crash is weaker.
        }
    }
}
