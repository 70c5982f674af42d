package dev.sigil.agent.cli;

import dev.sigil.agent.channel.AccessToken;
import dev.sigil.agent.channel.ChannelException;
import dev.sigil.agent.channel.KeyRotation;
import dev.sigil.agent.channel.SigilServer;
import dev.sigil.agent.config.AgentConfig;
import dev.sigil.agent.config.ConfigException;
import dev.sigil.agent.config.ConfigResolver;
import dev.sigil.agent.config.Flags;
import dev.sigil.agent.keys.AgentKeyPair;
import dev.sigil.agent.keys.AssertionSigner;
import dev.sigil.agent.keys.KeyFile;
import dev.sigil.agent.keys.KeyFileException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** What the subcommands share: the connection flags, configuration, and output. */
abstract class AgentCommand implements Callable<Integer> {

    /** How much shorter than asked the server may keep the old key before we warn. */
    private static final Duration OVERLAP_SLACK = Duration.ofMinutes(1);

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

    /** A rotation the server accepted: the installed key and the server's answer. */
    record Rotated(AgentKeyPair key, KeyRotation answer) {}

    /**
     * Replaces the agent's key (L3.1): generates a new key pair, stages it, has the server swap it
     * in (authenticated by {@code token} of the current key, proven with the new key), installs it
     * with the current key kept as the previous one, then tests authentication with it.
     *
     * @param overlap how long the previous key should stay valid, if the caller says
     * @param progress where the steps are reported; warnings always go to stderr
     * @throws ChannelException when the server refused the rotation: the current key stays, and
     *     nothing is left staged
     * @throws CliFailure when a key file could not be written, or the outcome is unknown (the new
     *     key then stays staged)
     */
    Rotated rotate(
            SigilServer sigil,
            String id,
            AccessToken token,
            KeyFile key,
            Optional<Duration> overlap,
            Consumer<String> progress) {
        progress.accept("Generating Ed25519 key pair...");
        AgentKeyPair next = AgentKeyPair.generate(invocation.random());
        try {
            key.stage(next);
        } catch (KeyFileException e) {
            throw new CliFailure(ExitCode.IO, e.getMessage() + "; the key was not rotated", e);
        }

        progress.accept("Rotating the key with " + sigil.base() + "...");
        KeyRotation rotation = sendRotation(sigil, key, id, token, next, overlap);
        try {
            key.commit();
        } catch (KeyFileException e) {
            throw new CliFailure(
                    ExitCode.IO,
                    "the server accepted the new key, but "
                            + e.getMessage()
                            + "; move it into place yourself"
                            + rotation.previousKeyRetiresAt()
                                    .map(t -> " before the previous key retires at " + t)
                                    .orElse(""),
                    e);
        }
        progress.accept("Wrote " + key.path() + "; the previous key is in " + key.previousPath());
        checkFingerprint(rotation.keyFingerprint(), next);
        rotation.previousKeyRetiresAt()
                .ifPresent(t -> progress.accept("The previous key stays valid until " + t + "."));
        checkOverlap(overlap, rotation.previousKeyRetiresAt());

        progress.accept("Testing authentication with the new key...");
        try {
            mintToken(sigil, id, next);
            progress.accept("Authentication works.");
        } catch (ChannelException e) {
            warn("the new key is installed, but the authentication test failed: " + e.getMessage());
        }
        return new Rotated(next, rotation);
    }

    private KeyRotation sendRotation(
            SigilServer sigil,
            KeyFile key,
            String id,
            AccessToken token,
            AgentKeyPair next,
            Optional<Duration> overlap) {
        String proof =
                new AssertionSigner(next, invocation.clock()).sign(id, sigil.keyRotationAudience());
        return sendStaged(
                key,
                "the rotation went through, the new key",
                () -> sigil.rotateKey(token, next.openSshPublicKey(keyComment()), proof, overlap));
    }

    /**
     * Sends the request that hands the server a staged key. When the server definitely refused it,
     * the staged key is discarded; when the outcome is unknown, the failure says where the key is,
     * as the server may have taken it ({@code outcome} completes "if ... is in").
     */
    static <T> T sendStaged(KeyFile key, String outcome, Supplier<T> request) {
        try {
            return request.get();
        } catch (ChannelException e) {
            if (definitelyRefused(e)) {
                key.discardStaged();
                throw e;
            }
            throw new CliFailure(
                    ExitCode.of(e),
                    e.getMessage() + "; if " + outcome + " is in " + key.stagedPath(),
                    e);
        }
    }

    private void checkOverlap(Optional<Duration> overlap, Optional<String> retiresAt) {
        if (overlap.isEmpty()) {
            return;
        }
        // A time that is not an ISO instant is shown as given; there is nothing to compare.
        Optional<Instant> retires = retiresAt.flatMap(AgentCommand::instant);
        if (retires.isEmpty()) {
            return;
        }
        Instant asked = invocation.clock().instant().plus(overlap.get()).minus(OVERLAP_SLACK);
        if (retires.get().isBefore(asked)) {
            warn(
                    "the server keeps the previous key only until "
                            + retiresAt.get()
                            + ", less than the --overlap of "
                            + overlap.get());
        }
    }

    /** A time the server wrote, if it is an ISO-8601 instant. */
    static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
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
