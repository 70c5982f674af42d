package dev.sigil.agent.cli;

import dev.sigil.agent.channel.AccessToken;
import dev.sigil.agent.channel.ChannelException;
import dev.sigil.agent.channel.SigilServer;
import dev.sigil.agent.config.AgentConfig;
import dev.sigil.agent.config.ConfigException;
import dev.sigil.agent.config.ConfigResolver;
import dev.sigil.agent.config.Flags;
import dev.sigil.agent.keys.AgentKeyPair;
import dev.sigil.agent.keys.AssertionSigner;
import dev.sigil.agent.keys.KeyFile;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** What the subcommands share: the connection flags, configuration, and output. */
abstract class AgentCommand implements Callable<Integer> {

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "Sigil server URL, e.g. https://sigil.example.com (SIGIL_SERVER_URL).")
    String server;

    @Option(
            names = "--agent-id",
            paramLabel = "ID",
            description = "This agent's id, as created in Sigil (SIGIL_AGENT_ID).")
    String agentId;

    @Option(
            names = "--key-file",
            paramLabel = "FILE",
            description =
                    "Private key file, PKCS#8 PEM (SIGIL_AGENT_KEY_FILE);"
                            + " default: agent-key.pem in the data directory.")
    Path keyFile;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Data directory with agent.env (SIGIL_AGENT_DATA_DIR); default: ./sigil-agent.")
    Path dataDir;

    final Invocation invocation;

    AgentCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    /** The configuration: {@code agent.env} &lt; environment &lt; flags. */
    AgentConfig config() {
        return new ConfigResolver(invocation.env())
                .resolve(new Flags(server, agentId, keyFile, dataDir));
    }

    SigilServer connect(URI serverUrl) {
        if (serverUrl.getScheme().equals("http") && !isLoopback(serverUrl.getHost())) {
            warn("the server URL uses plain http: credentials and tokens travel unencrypted");
        }
        return new SigilServer(serverUrl, invocation.clock());
    }

    /** Reads the current key; a missing key file is a configuration error. */
    AgentKeyPair readKey(AgentConfig config) {
        var file = new KeyFile(config.keyFile());
        if (!file.exists()) {
            throw new ConfigException(
                    "no key file at "
                            + file.path()
                            + ": run 'sigil-agent register' first, or pass --key-file");
        }
        return file.read();
    }

    /** Mints an access token with a client assertion signed by {@code key}. */
    AccessToken mintToken(SigilServer server, String agentId, AgentKeyPair key) {
        String assertion =
                new AssertionSigner(key, invocation.clock()).sign(agentId, server.tokenAudience());
        return server.token(assertion);
    }

    /** The comment of the OpenSSH public key. */
    String keyComment() {
        return "sigil-agent@" + invocation.hostName().replaceAll("\\s+", "");
    }

    /** Warns when the server shows another fingerprint than the local key's. */
    void checkFingerprint(Optional<String> reported, AgentKeyPair key) {
        reported.filter(f -> f.startsWith("SHA256:"))
                .filter(f -> !f.equals(key.fingerprint()))
                .ifPresent(
                        f ->
                                warn(
                                        "the server reports key fingerprint "
                                                + f
                                                + ", the local key has "
                                                + key.fingerprint()));
    }

    /**
     * Refuses to go on while a key staged by an earlier run whose outcome was unknown is still
     * there: the server may have accepted it, so it must not be overwritten unseen.
     */
    static void refuseStaleStagedKey(KeyFile key, String discardHint) {
        if (Files.exists(key.stagedPath())) {
            throw new CliFailure(
                    ExitCode.CONFIG,
                    key.stagedPath()
                            + " is left from an earlier attempt that may have reached the server;"
                            + " if that attempt went through, move it to "
                            + key.path()
                            + ", else "
                            + discardHint,
                    null);
        }
    }

    /** Whether a channel failure leaves no doubt that the server did nothing. */
    static boolean definitelyRefused(ChannelException e) {
        return switch (e.kind()) {
            case REJECTED, RATE_LIMITED, MISDIRECTED -> true;
            case UNREACHABLE, FAILED -> false;
        };
    }

    void progress(String line) {
        invocation.err().println(line);
        invocation.err().flush();
    }

    void warn(String line) {
        progress("sigil-agent: warning: " + line);
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.startsWith("[")) {
            return false; // a name: resolving it here would cost a DNS lookup
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
