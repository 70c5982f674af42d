package dev.sigil.agent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
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
        var out = new StringWriter();
        var err = new StringWriter();
        var invocation =
                new Invocation(
                        env,
                        new PrintWriter(out),
                        new PrintWriter(err),
                        Clock.systemUTC(),
                        new SecureRandom(),
                        Optional.of(JAR),
                        JAVA,
                        "test-host");
        int exit = SigilAgent.execute(invocation, args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }
}
