package dev.sigil.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code sigil-agent} command. */
@Command(
        name = "sigil-agent",
        mixinStandardHelpOptions = true,
        version = "sigil-agent 0.1.0",
        description =
                "The Sigil agent: holds this agent's key and identity with Sigil, connecting"
                        + " outbound only.",
        footer = {
            "",
            "Settings come from agent.env in the data directory, then the environment, then flags.",
            "Exit codes: 0 ok, 1 internal error, 2 usage, 3 configuration, 4 network,"
                    + " 5 rejected by the server, 6 server error, 7 file error, 8 rate-limited."
        })
public class SigilAgent implements Runnable {

    private static final System.Logger LOG = System.getLogger(SigilAgent.class.getName());

    /** Options whose values are secrets, never echoed in a usage error (L1.3). */
    static final Set<String> SECRET_OPTIONS = Set.of("--registration-token");

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "missing command: register, run, token, whoami or rotate-key");
    }

    public static void main(String[] args) {
        var shutdown = new ShutdownSignal();
        shutdown.exit(execute(Invocation.ofProcess(shutdown), args));
    }

    /** Runs the command line {@code args} and returns the exit code. */
    public static int execute(Invocation invocation, String... args) {
        var commandLine =
                new CommandLine(new SigilAgent())
                        .addSubcommand(new RegisterCommand(invocation))
                        .addSubcommand(new RunCommand(invocation))
                        .addSubcommand(new TokenCommand(invocation))
                        .addSubcommand(new WhoamiCommand(invocation))
                        .addSubcommand(new RotateKeyCommand(invocation));
        // Set after the subcommands are added, so that they apply to all of them.
        commandLine
                .setOut(invocation.out())
                .setErr(invocation.err())
                .setParameterExceptionHandler(
                        (e, arguments) -> usageError(invocation, e, arguments))
                .setExecutionExceptionHandler((e, cmd, parsed) -> failure(invocation, e, args));
        try {
            return commandLine.execute(args);
        } finally {
            invocation.out().flush();
            invocation.err().flush();
        }
    }

    private static int usageError(Invocation invocation, ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        invocation
                .err()
                .println(
                        "sigil-agent: "
                                + usageMessage(e, args)
                                + " (see '"
                                + command
                                + " --help')");
        return ExitCode.USAGE.code();
    }

    private static int failure(Invocation invocation, Exception e, String[] args) {
        if (e instanceof ParameterException p) {
            return usageError(invocation, p, args);
        }
        ExitCode code = ExitCode.of(e);
        String message;
        if (code == ExitCode.INTERNAL) {
            LOG.log(System.Logger.Level.DEBUG, "unexpected failure", e);
            message = "internal error (" + e.getClass().getName() + ")";
        } else {
            message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        invocation.err().println("sigil-agent: " + message.replaceAll("[\\r\\n]+", " "));
        return code.code();
    }

    /** The usage error without any secret argument (L1.3). */
    static String usageMessage(ParameterException e, String[] args) {
        if (e instanceof UnmatchedArgumentException unmatched) {
            // Show unknown options by name, but no values: one may be a misplaced secret.
            List<String> names = new ArrayList<>();
            int others = 0;
            for (String argument : unmatched.getUnmatched()) {
                if (argument.startsWith("-")) {
                    names.add("'" + argument.split("=", 2)[0] + "'");
                } else {
                    others++;
                }
            }
            String message =
                    names.isEmpty()
                            ? "unexpected argument" + (others == 1 ? "" : "s")
                            : "unknown option " + String.join(", ", names);
            return names.isEmpty() || others == 0
                    ? message
                    : message
                            + " and "
                            + others
                            + " unexpected argument"
                            + (others == 1 ? "" : "s");
        }
        String message = e.getMessage() == null ? "invalid command line" : e.getMessage();
        for (String secret : secretValues(args)) {
            message = message.replace(secret, "***");
        }
        return message.replaceAll("[\\r\\n]+", " ");
    }

    private static List<String> secretValues(String[] args) {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String[] parts = args[i].split("=", 2);
            if (SECRET_OPTIONS.contains(parts[0])) {
                if (parts.length == 2) {
                    secrets.add(parts[1]);
                } else if (i + 1 < args.length) {
                    secrets.add(args[i + 1]);
                }
            }
        }
        secrets.removeIf(String::isEmpty);
        return secrets;
    }
}
