package dev.sigil.agent.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What one run of the command gets from outside: the environment, the two output streams, the
 * clock, randomness, how to wait and be stopped, and where it runs from. Tests pass their own.
 *
 * @param stop how {@code run} waits between checks and learns that it must stop
 * @param jar the agent's jar, when it runs from one
 * @param java the {@code java} launcher that runs it
 * @param hostName the comment of the OpenSSH public key, {@code sigil-agent@<hostName>}
 */
public record Invocation(
        Map<String, String> env,
        PrintWriter out,
        PrintWriter err,
        Clock clock,
        SecureRandom random,
        StopSignal stop,
        Optional<Path> jar,
        Path java,
        String hostName) {

    /** The running process, stopped by {@code shutdown}. */
    public static Invocation ofProcess(ShutdownSignal shutdown) {
        Charset charset = Charset.defaultCharset();
        return new Invocation(
                System.getenv(),
                new PrintWriter(new OutputStreamWriter(System.out, charset), true),
                new PrintWriter(new OutputStreamWriter(System.err, charset), true),
                Clock.systemUTC(),
                new SecureRandom(),
                shutdown,
                runningJar(),
                Path.of(System.getProperty("java.home"), "bin", "java"),
                localHostName());
    }

    private static Optional<Path> runningJar() {
        try {
            var source = SigilAgent.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI()).toAbsolutePath();
            return Files.isRegularFile(location) && location.toString().endsWith(".jar")
                    ? Optional.of(location)
                    : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String localHostName() {
        try {
            // The kernel's name: no DNS lookup, which may hang on a host without a resolver.
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: ask the JDK.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
