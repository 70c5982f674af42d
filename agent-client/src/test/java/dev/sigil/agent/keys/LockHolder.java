package dev.sigil.agent.keys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Another process holding the lock on a file, as a second sigil-agent would: a JVM of its own
 * (operating-system locks are per process, so this JVM cannot stand in for it), which takes the
 * lock, says so, and holds it until {@link #release}.
 */
public final class LockHolder implements AutoCloseable {

    private static final String PROGRAM =
            """
            import java.nio.channels.FileChannel;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            class Hold {
                public static void main(String[] args) throws Exception {
                    try (FileChannel channel = FileChannel.open(Path.of(args[0]),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                        channel.lock();
                        System.out.println("locked");
                        System.out.flush();
                        System.in.readAllBytes(); // until the test closes our stdin
                    }
                }
            }
            """;

    private final Process process;
    private final Path source;

    private LockHolder(Process process, Path source) {
        this.process = process;
        this.source = source;
    }

    /** Returns once the other process holds the lock on {@code file}. */
    public static LockHolder hold(Path file) throws IOException {
        Path source = Files.createTempFile("Hold", ".java");
        Files.writeString(source, PROGRAM);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process =
                new ProcessBuilder(java, source.toString(), file.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        var holder = new LockHolder(process, source);
        var out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"locked".equals(line)) {
            holder.close();
            throw new IOException("the lock holder did not take the lock: " + line);
        }
        return holder;
    }

    /** Lets the other process release the lock and exit; returns once it has exited. */
    public void release() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IOException("the lock holder did not exit");
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(source);
    }
}
