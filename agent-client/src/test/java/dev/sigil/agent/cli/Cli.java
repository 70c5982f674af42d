package dev.sigil.agent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs {@code sigil-agent} in this JVM with its own environment and output streams. */
final class Cli {

    static final Path JAR = Path.of("/opt/sigil-agent/sigil-agent.jar");
    static final Path JAVA = Path.of("/usr/lib/jvm/java-17/bin/java");

    record Run(int exit, String out, String err) {

        /** The lines of stderr that report an error (not progress, not warnings). */
        List<String> errors() {
            return err.lines()
                    .filter(l -> l.startsWith("sigil-agent: "))
                    .filter(l -> !l.startsWith("sigil-agent: warning: "))
                    .toList();
        }

        String all() {
            return out + err;
        }
    }

    private Cli() {}

    static Run run(Map<String, String> env, String... args) {
        return run(env, Clock.systemUTC(), new SteppedTime(Instant.now()).stopAt(1), args);
    }

    /** Runs with {@code clock}, and {@code stop} for the waits of {@code run}. */
    static Run run(Map<String, String> env, Clock clock, StopSignal stop, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = SigilAgent.execute(invocation(env, clock, stop, out, err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Invocation invocation(
            Map<String, String> env, Clock clock, StopSignal stop, Writer out, Writer err) {
        return new Invocation(
                env,
                new PrintWriter(out),
                new PrintWriter(err),
                clock,
                new SecureRandom(),
                stop,
                Optional.of(JAR),
                JAVA,
                "test-host");
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }
}
