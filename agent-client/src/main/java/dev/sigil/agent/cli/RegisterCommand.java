package dev.sigil.agent.cli;

import dev.sigil.agent.channel.ChannelException;
import dev.sigil.agent.channel.Registration;
import dev.sigil.agent.channel.SigilServer;
import dev.sigil.agent.config.AgentConfig;
import dev.sigil.agent.config.ConfigException;
import dev.sigil.agent.config.EnvFile;
import dev.sigil.agent.config.SystemdUnit;
import dev.sigil.agent.keys.AgentKeyPair;
import dev.sigil.agent.keys.KeyFile;
import dev.sigil.agent.keys.KeyFileException;
import dev.sigil.agent.keys.PrivateFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sigil-agent register}: creates the agent's key, registers its public half with a one-time
 * registration token, and writes {@code agent.env} and the systemd unit.
 */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        description = {
            "Generate this agent's Ed25519 key, register it with Sigil using a one-time"
                    + " registration token, and test authentication.",
            "Then write agent.env and the systemd unit into the data directory (or print them"
                    + " when it is read-only).",
            "The private key never leaves this machine."
        })
final class RegisterCommand extends AgentCommand {

    /** Where the registration token may come from instead of the flag, to keep it out of ps. */
    static final String REGISTRATION_TOKEN = "SIGIL_AGENT_REGISTRATION_TOKEN";

    static final Path FALLBACK_JAR = Path.of("/opt/sigil-agent/sigil-agent.jar");

    @Option(
            names = "--registration-token",
            paramLabel = "TOKEN",
            description =
                    "One-time registration token from the Sigil console ("
                            + REGISTRATION_TOKEN
                            + ").")
    String registrationToken;

    @Option(
            names = "--force",
            description =
                    "Replace an existing key file (the current key is kept as"
                            + " agent-key.pem.previous), and discard a key left staged by an"
                            + " earlier attempt.")
    boolean force;

    RegisterCommand(Invocation invocation) {
        super(invocation);
    }

    @Override
    public Integer call() {
        AgentConfig config = config();
        URI serverUrl = config.requireServer();
        String id = config.requireAgentId();
        String token = registrationToken();
        var key = new KeyFile(config.keyFile());
        if (key.exists() && !force) {
            throw new CliFailure(
                    ExitCode.CONFIG,
                    key.path()
                            + " already exists; pass --force to register a new key (the current"
                            + " one is then kept as "
                            + key.previousPath().getFileName()
                            + ")",
                    null);
        }
        if (!force) {
            refuseStaleStagedKey(key, "pass --force to discard it");
        }
        SigilServer sigil = connect(serverUrl);

        progress("Generating Ed25519 key pair...");
        AgentKeyPair pair = AgentKeyPair.generate(invocation.random());
        stage(key, pair);

        progress("Registering with " + serverUrl + "...");
        Registration registration = register(sigil, key, id, token, pair);
        try {
            key.commit();
        } catch (KeyFileException e) {
            throw new CliFailure(
                    ExitCode.IO,
                    "registered, but "
                            + e.getMessage()
                            + "; the registered key is in "
                            + key.stagedPath(),
                    e);
        }
        progress("Wrote " + key.path() + " (private key, mode 0600)");
        checkFingerprint(registration.keyFingerprint(), pair);
        progress(
                "Registered agent "
                        + registration.agentId()
                        + ", key "
                        + pair.fingerprint()
                        + registration.keyExpiresAt().map(t -> ", expires " + t).orElse(""));

        progress("Testing authentication...");
        try {
            mintToken(sigil, id, pair);
            progress("Authentication works.");
        } catch (ChannelException e) {
            warn("registered, but the authentication test failed: " + e.getMessage());
        }

        install(config, serverUrl, id, key.path());
        return ExitCode.OK.code();
    }

    private String registrationToken() {
        return Optional.ofNullable(registrationToken)
                .or(() -> Optional.ofNullable(invocation.env().get(REGISTRATION_TOKEN)))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .orElseThrow(
                        () ->
                                new ConfigException(
                                        "no registration token: pass --registration-token or set "
                                                + REGISTRATION_TOKEN));
    }

    /** Writes the key before the registration token is spent (L2.1). */
    private static void stage(KeyFile key, AgentKeyPair pair) {
        try {
            key.stage(pair);
        } catch (KeyFileException e) {
            throw new CliFailure(
                    ExitCode.IO,
                    e.getMessage()
                            + "; nothing was sent to the server: choose a writable --data-dir"
                            + " or --key-file",
                    e);
        }
    }

    private Registration register(
            SigilServer sigil, KeyFile key, String id, String token, AgentKeyPair pair) {
        return sendStaged(
                key,
                "the registration went through, its key",
                () -> sigil.register(id, token, pair.openSshPublicKey(keyComment())));
    }

    /** Writes {@code agent.env} and the unit, or prints them when that fails (L2.3). */
    private void install(AgentConfig config, URI serverUrl, String id, Path keyPath) {
        Path jar =
                invocation
                        .jar()
                        .orElseGet(
                                () -> {
                                    warn(
                                            "not running from a jar: the unit's ExecStart names "
                                                    + FALLBACK_JAR
                                                    + ", adjust it");
                                    return FALLBACK_JAR;
                                });
        var unit = new SystemdUnit(id, invocation.java(), jar, config.envFile(), config.dataDir());
        warnAboutSandbox(config.dataDir(), keyPath, jar);
        Optional<String> passphrase = config.env().get(AgentConfig.PASSPHRASE);
        String newPassphrase = passphrase.orElseGet(this::newPassphrase);

        try {
            PrivateFiles.createDirectories(config.dataDir());
            PrivateFiles.write(
                    config.envFile(),
                    agentEnv(serverUrl, id, config.dataDir(), keyPath, newPassphrase)
                            .render()
                            .getBytes(StandardCharsets.UTF_8));
        } catch (IOException | UnsupportedOperationException e) {
            printInstead(config, serverUrl, id, keyPath, unit, true, e);
            return;
        }
        progress("Wrote " + config.envFile());
        try {
            PrivateFiles.write(
                    config.unitFile(),
                    unit.render().getBytes(StandardCharsets.UTF_8),
                    PrivateFiles.WORLD_READABLE);
        } catch (IOException | UnsupportedOperationException e) {
            printInstead(config, serverUrl, id, keyPath, unit, false, e);
            return;
        }
        progress("Wrote " + config.unitFile());
        progress(
                "Next: create the user "
                        + SystemdUnit.USER
                        + " and install the unit (see the comments in "
                        + config.unitFile()
                        + ").");
    }

    private void printInstead(
            AgentConfig config,
            URI serverUrl,
            String id,
            Path keyPath,
            SystemdUnit unit,
            boolean withEnv,
            Exception cause) {
        var out = invocation.out();
        String reason = KeyFile.reason(cause);
        if (withEnv) {
            progress(
                    "Note: cannot write to "
                            + config.dataDir()
                            + " ("
                            + reason
                            + "); printing "
                            + AgentConfig.ENV_FILE_NAME
                            + " and "
                            + AgentConfig.UNIT_FILE_NAME
                            + " on stdout instead. Save "
                            + AgentConfig.ENV_FILE_NAME
                            + " with mode 0600 and fill in "
                            + AgentConfig.PASSPHRASE
                            + ".");
            out.println("# ---- " + config.envFile() + " (mode 0600) ----");
            out.print(agentEnv(serverUrl, id, config.dataDir(), keyPath, null).render());
        } else {
            progress(
                    "Note: cannot write "
                            + config.unitFile()
                            + " ("
                            + reason
                            + "); printing it on stdout instead.");
        }
        out.println("# ---- " + config.unitFile() + " ----");
        out.print(unit.render());
        out.flush();
    }

    /**
     * The content of {@code agent.env}. Without a passphrase (for printing), the passphrase line is
     * left empty with a note on how to make one: the passphrase is never printed (L1.3).
     */
    static EnvFile agentEnv(URI server, String id, Path dataDir, Path keyPath, String passphrase) {
        var values = new LinkedHashMap<String, String>();
        values.put(AgentConfig.SERVER_URL, server.toString());
        values.put(AgentConfig.AGENT_ID, id);
        values.put(AgentConfig.DATA_DIR, dataDir.toString());
        values.put(AgentConfig.KEY_FILE, keyPath.toString());
        values.put(AgentConfig.PASSPHRASE, passphrase == null ? "" : passphrase);
        List<String> comments =
                Stream.concat(
                                Stream.of(
                                        "Sigil agent settings, written by `sigil-agent register`"
                                                + " and read by sigil-agent.service.",
                                        "Keep this file private (mode 0600): "
                                                + AgentConfig.PASSPHRASE
                                                + " protects the credentials the agent stores."),
                                passphrase == null
                                        ? Stream.of(
                                                "Set "
                                                        + AgentConfig.PASSPHRASE
                                                        + " to 32 random bytes in base64url (keep"
                                                        + " the value of an existing agent.env), e.g.:",
                                                "  head -c 32 /dev/urandom | basenc --base64url |"
                                                        + " tr -d =")
                                        : Stream.empty())
                        .toList();
        return EnvFile.of(comments, values);
    }

    private String newPassphrase() {
        byte[] bytes = new byte[32];
        invocation.random().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void warnAboutSandbox(Path... paths) {
        Stream.of(paths)
                .filter(SystemdUnit::hiddenFromService)
                .findFirst()
                .ifPresent(
                        p ->
                                warn(
                                        "the unit's sandbox (ProtectHome=yes, PrivateTmp=yes)"
                                                + " hides "
                                                + p
                                                + " from the service; keep the data directory,"
                                                + " key and jar outside /home, /root and /tmp,"
                                                + " e.g. in /var/lib/sigil-agent and"
                                                + " /opt/sigil-agent"));
    }
}
