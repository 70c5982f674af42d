package dev.sigil.agent.cli;

import dev.sigil.agent.channel.AccessToken;
import dev.sigil.agent.config.AgentConfig;
import picocli.CommandLine.Command;

/** {@code sigil-agent token}: prints a fresh access token, alone on one line, for scripts. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = {
            "Print a fresh access token for scripts: only the token, on one line.",
            "Example: curl -H \"Authorization: Bearer $(sigil-agent token)\" ..."
        })
final class TokenCommand extends AgentCommand {

    TokenCommand(Invocation invocation) {
        super(invocation);
    }

    @Override
    public Integer call() {
        AgentConfig config = config();
        var server = connect(config.requireServer());
        AccessToken token = mintToken(server, config.requireAgentId(), readKey(config));
        invocation.out().println(token.value());
        invocation.out().flush();
        return ExitCode.OK.code();
    }
}
