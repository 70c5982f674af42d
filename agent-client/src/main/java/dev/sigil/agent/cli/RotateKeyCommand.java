package dev.sigil.agent.cli;

import dev.sigil.agent.channel.AccessToken;
import dev.sigil.agent.channel.SigilServer;
import dev.sigil.agent.config.AgentConfig;
import dev.sigil.agent.keys.AgentKeyPair;
import dev.sigil.agent.keys.KeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sigil-agent rotate-key}: replaces the agent's key, authenticated with the current key and
 * proven with the new one.
 */
@Command(
        name = "rotate-key",
        mixinStandardHelpOptions = true,
        description = {
            "Generate a new Ed25519 key, have Sigil replace the current key with it (authenticated"
                    + " with the current key, proven with the new one), then install it. The"
                    + " previous key is kept as agent-key.pem.previous.",
            "Prints the new key's fingerprint."
        })
final class RotateKeyCommand extends AgentCommand {

    @Mixin OverlapOption overlap = new OverlapOption();

    RotateKeyCommand(Invocation invocation) {
        super(invocation);
    }

    @Override
    public Integer call() {
        AgentConfig config = config();
        SigilServer sigil = connect(config.requireServer());
        String id = config.requireAgentId();
        readKey(config); // no key file is a configuration error, before any lock file is made
        var key = new KeyFile(config.keyFile());
        // Held until the new key is installed: sigil-agent run rotates under the same lock.
        try (KeyFile.Lock lock = key.lock(this::progress)) {
            AgentKeyPair current = readKey(config); // again: another process may have rotated it
            refuseStaleStagedKey(key, "delete it");

            progress("Authenticating with the current key " + current.fingerprint() + "...");
            AccessToken token = mintToken(sigil, id, current);
            Rotated rotated = rotate(sigil, id, token, key, overlap.value(), this::progress);
            invocation.out().println(rotated.key().fingerprint());
            invocation.out().flush();
        }
        return ExitCode.OK.code();
    }
}
