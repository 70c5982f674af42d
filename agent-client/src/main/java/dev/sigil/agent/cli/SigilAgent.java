package dev.sigil.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sigil-agent} command. Subcommands arrive with the agent identity work. */
@Command(
        name = "sigil-agent",
        mixinStandardHelpOptions = true,
        version = "sigil-agent 0.1.0",
        description = "The Sigil agent: runs jobs beside your data and connects to Sigil outbound.")
public class SigilAgent implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SigilAgent()).execute(args));
    }
}
