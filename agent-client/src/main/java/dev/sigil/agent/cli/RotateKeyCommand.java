package dev.sigil.agent.cli;

import dev.sigil.agent.channel.AccessToken;
import dev.sigil.agent.channel.ChannelException;
import dev.sigil.agent.channel.KeyRotation;
import dev.sigil.agent.channel.SigilServer;
import dev.sigil.agent.config.AgentConfig;
import dev.sigil.agent.keys.AgentKeyPair;
import dev.sigil.agent.keys.AssertionSigner;
import dev.sigil.agent.keys.KeyFile;
import dev.sigil.agent.keys.KeyFileException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    /** How much shorter than asked the server may keep the old key before we warn. */
    private static final Duration SLACK = Duration.ofMinutes(1);

    @Option(
            names = "--overlap",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How long the previous key should stay valid, e.g. 24h, 7d or PT12H. Sent to"
                            + " the server as 'overlap'; the server decides and reports when the"
                            + " previous key retires. Default: the server's.")
    Duration overlap;

    RotateKeyCommand(Invocation invocation) {
        super(invocation);
    }

    @Override
    public Integer call() {
        AgentConfig config = config();
        SigilServer sigil = connect(config.requireServer());
        String id = config.requireAgentId();
        AgentKeyPair current = readKey(config);
        var key = new KeyFile(config.keyFile());
        refuseStaleStagedKey(key, "delete it");

        progress("Authenticating with the current key " + current.fingerprint() + "...");
        AccessToken token = mintToken(sigil, id, current);

        progress("Generating Ed25519 key pair...");
        AgentKeyPair next = AgentKeyPair.generate(invocation.random());
        try {
            key.stage(next);
        } catch (KeyFileException e) {
            throw new CliFailure(ExitCode.IO, e.getMessage() + "; the key was not rotated", e);
        }

        progress("Rotating the key with " + sigil.base() + "...");
        KeyRotation rotation = rotate(sigil, key, id, token, next);
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
        progress("Wrote " + key.path() + "; the previous key is in " + key.previousPath());
        checkFingerprint(rotation.keyFingerprint(), next);
        rotation.previousKeyRetiresAt()
                .ifPresent(t -> progress("The previous key stays valid until " + t + "."));
        checkOverlap(rotation.previousKeyRetiresAt());

        progress("Testing authentication with the new key...");
        try {
            mintToken(sigil, id, next);
            progress("Authentication works.");
        } catch (ChannelException e) {
            warn("the new key is installed, but the authentication test failed: " + e.getMessage());
        }
        invocation.out().println(next.fingerprint());
        invocation.out().flush();
        return ExitCode.OK.code();
    }

    private KeyRotation rotate(
            SigilServer sigil, KeyFile key, String id, AccessToken token, AgentKeyPair next) {
        String proof =
                new AssertionSigner(next, invocation.clock()).sign(id, sigil.keyRotationAudience());
        try {
            return sigil.rotateKey(
                    token,
                    next.openSshPublicKey(keyComment()),
                    proof,
                    Optional.ofNullable(overlap));
        } catch (ChannelException e) {
            if (definitelyRefused(e)) {
                key.discardStaged();
                throw e;
            }
            throw new CliFailure(
                    ExitCode.of(e),
                    e.getMessage()
                            + "; if the rotation went through, the new key is in "
                            + key.stagedPath(),
                    e);
        }
    }

    private void checkOverlap(Optional<String> retiresAt) {
        if (overlap == null || retiresAt.isEmpty()) {
            return;
        }
        try {
            Instant retires = Instant.parse(retiresAt.get());
            Instant asked = invocation.clock().instant().plus(overlap).minus(SLACK);
            if (retires.isBefore(asked)) {
                warn(
                        "the server keeps the previous key only until "
                                + retiresAt.get()
                                + ", less than the --overlap of "
                                + overlap);
            }
        } catch (DateTimeParseException e) {
            // Not an ISO instant: shown above as given; nothing to compare.
        }
    }
}
