package dev.sigil.agent.cli;

import dev.sigil.agent.channel.AccessToken;
import dev.sigil.agent.config.AgentConfig;
import picocli.CommandLine.Command;

/** {@code sigil-agent whoami}: prints the agent's record as the server has it. */
@Command(
        name = "whoami",
        mixinStandardHelpOptions = true,
        description = "Authenticate and print this agent's record (key: value lines).")
final class WhoamiCommand extends AgentCommand {

    WhoamiCommand(Invocation invocation) {
        super(invocation);
    }

    @Override
    public Integer call() {
        AgentConfig config = config();
        var server = connect(config.requireServer());
        AccessToken token = mintToken(server, config.requireAgentId(), readKey(config));
        server.me(token).lines().forEach(invocation.out()::println);
        invocation.out().flush();
        return ExitCode.OK.code();
    }
}
