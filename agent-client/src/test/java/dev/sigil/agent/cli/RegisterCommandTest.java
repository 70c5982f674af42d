package dev.sigil.agent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sigil.agent.channel.FakeSigilServer;
import dev.sigil.agent.config.EnvFile;
import dev.sigil.agent.config.SystemdUnit;
import dev.sigil.agent.keys.AgentKeyPair;
import dev.sigil.agent.keys.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterCommandTest {

    @TempDir Path temp;

    FakeSigilServer fake;
    Path dataDir;

    @BeforeEach
    void startFakeServer() throws Exception {
        fake = FakeSigilServer.start();
        dataDir = temp.resolve("data");
    }

    @AfterEach
    void stopFakeServer() {
        fake.close();
    }

    @Test
    void registersAndWritesKeyEnvironmentAndUnit() throws Exception {
        var run = register();

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertEquals("", run.out());
        Path key = dataDir.resolve("agent-key.pem");
        Path env = dataDir.resolve("agent.env");
        assertEquals("rw-------", permissions(key));
        assertEquals("rw-------", permissions(env));
        assertArrayEquals(fake.currentKey(), new KeyFile(key).read().publicKeyBytes());

        EnvFile written = EnvFile.read(env);
        assertEquals(fake.url().toString(), written.get("SIGIL_SERVER_URL").orElseThrow());
        assertEquals(FakeSigilServer.AGENT_ID, written.get("SIGIL_AGENT_ID").orElseThrow());
        assertEquals(key.toString(), written.get("SIGIL_AGENT_KEY_FILE").orElseThrow());
        assertEquals(dataDir.toString(), written.get("SIGIL_AGENT_DATA_DIR").orElseThrow());
        String passphrase = written.get("SIGIL_AGENT_PASSPHRASE").orElseThrow();
        assertEquals(32, Base64.getUrlDecoder().decode(passphrase).length);

        List<String> unit = Files.readAllLines(dataDir.resolve("sigil-agent.service"));
        assertTrue(unit.contains("EnvironmentFile=" + env), unit::toString);
        assertTrue(
                unit.contains("ExecStart=" + Cli.JAVA + " -jar " + Cli.JAR + " run"),
                unit::toString);
        assertTrue(unit.contains("ReadWritePaths=" + dataDir), unit::toString);

        assertFalse(run.all().contains(FakeSigilServer.REGISTRATION_TOKEN));
        assertFalse(run.all().contains(passphrase));
        assertFalse(run.all().contains("PRIVATE KEY"));
    }

    @Test
    void reportsProgressOnStderrInOrder() {
        var run = register();

        List<String> lines = run.err().lines().toList();
        int generating = lines.indexOf("Generating Ed25519 key pair...");
        int registering = lines.indexOf("Registering with " + fake.url() + "...");
        int testing = lines.indexOf("Testing authentication...");
        int wrote = lines.indexOf("Wrote " + dataDir.resolve("agent.env"));
        assertTrue(
                generating >= 0
                        && generating < registering
                        && registering < testing
                        && testing < wrote,
                run.err());
        assertEquals(List.of(), run.errors());
    }

    @Test
    void warnsWhenTheSandboxWouldHideTheDataDirectory() {
        assumeTrue(SystemdUnit.hiddenFromService(dataDir), "the temporary directory is elsewhere");

        var run = register();

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertTrue(
                run.err().contains("sigil-agent: warning: the unit's sandbox (ProtectHome=yes,"),
                run.err());
    }

    @Test
    void refusesToOverwriteAnExistingKeyWithoutForce() throws Exception {
        Files.createDirectories(dataDir);
        Path key = Files.writeString(dataDir.resolve("agent-key.pem"), "existing");

        var run = register();

        assertEquals(ExitCode.CONFIG.code(), run.exit());
        assertTrue(run.errors().get(0).contains("--force"), run.err());
        assertEquals("existing", Files.readString(key));
        assertFalse(fake.registrationTokenUsed(), "the token is still good");
    }

    @Test
    void keyLeftStagedByAnUnclearAttemptIsNotOverwrittenWithoutForce() throws Exception {
        Files.createDirectories(dataDir);
        Path staged = Files.writeString(dataDir.resolve("agent-key.pem.new"), "maybe registered");

        var run = register();

        assertEquals(ExitCode.CONFIG.code(), run.exit());
        assertTrue(run.errors().get(0).contains("pass --force to discard it"), run.err());
        assertEquals("maybe registered", Files.readString(staged));
        assertFalse(fake.registrationTokenUsed());
    }

    @Test
    void forceReplacesTheKeyAndKeepsThePreviousOne() throws Exception {
        var old = new KeyFile(dataDir.resolve("agent-key.pem"));
        old.stage(AgentKeyPair.generate(new SecureRandom()));
        old.commit();
        String previous = Files.readString(old.path());

        var run = register("--force");

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertEquals(previous, Files.readString(old.previousPath()));
        assertEquals("rw-------", permissions(old.previousPath()));
        assertArrayEquals(fake.currentKey(), old.read().publicKeyBytes());
    }

    @Test
    void forceKeepsThePassphraseOfTheExistingAgentEnv() throws Exception {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("agent.env"), "SIGIL_AGENT_PASSPHRASE=keep-me\n");
        Files.writeString(dataDir.resolve("agent-key.pem"), "old");

        var run = register("--force");

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertEquals(
                "keep-me",
                EnvFile.read(dataDir.resolve("agent.env"))
                        .get("SIGIL_AGENT_PASSPHRASE")
                        .orElseThrow());
    }

    @Test
    void rejectedRegistrationShowsTheProblemAndLeavesNoKeyBehind() throws Exception {
        var run =
                Cli.run(
                        "register",
                        "--server",
                        fake.url().toString(),
                        "--agent-id",
                        FakeSigilServer.AGENT_ID,
                        "--registration-token",
                        "sgr_wrong-token",
                        "--data-dir",
                        dataDir.toString());

        assertEquals(ExitCode.REJECTED.code(), run.exit());
        assertEquals(
                List.of(
                        "sigil-agent: registration rejected (HTTP 401): Registration token"
                                + " rejected: The registration token is unknown, expired or"
                                + " already used. (registration-token-invalid)"),
                run.errors());
        assertFalse(run.all().contains("sgr_wrong-token"));
        try (var files = Files.list(dataDir)) {
            assertEquals(List.of(), files.toList(), "no key, staged or not");
        }
    }

    @Test
    void failedAuthenticationTestIsOnlyAWarning() throws Exception {
        fake.refuseTokens = true;

        var run = register();

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertTrue(
                run.err()
                        .contains(
                                "sigil-agent: warning: registered, but the authentication test"
                                        + " failed: token request rejected (HTTP 401)"),
                run.err());
        assertTrue(Files.exists(dataDir.resolve("agent-key.pem")));
        assertTrue(Files.exists(dataDir.resolve("agent.env")));
    }

    @Test
    void takesTheRegistrationTokenFromTheEnvironment() {
        var run =
                Cli.run(
                        Map.of(
                                "SIGIL_AGENT_REGISTRATION_TOKEN",
                                FakeSigilServer.REGISTRATION_TOKEN),
                        "register",
                        "--server",
                        fake.url().toString(),
                        "--agent-id",
                        FakeSigilServer.AGENT_ID,
                        "--data-dir",
                        dataDir.toString());

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
    }

    @Test
    void readOnlyDataDirectoryPrintsEnvironmentAndUnitInstead() throws Exception {
        Path keyFile = temp.resolve("keys/agent-key.pem");
        try (var readOnly = ReadOnlyDirectory.make(dataDir)) {
            var run = register("--key-file", keyFile.toString());

            assertEquals(ExitCode.OK.code(), run.exit(), run.err());
            assertEquals("rw-------", permissions(keyFile));
            assertArrayEquals(fake.currentKey(), new KeyFile(keyFile).read().publicKeyBytes());
            try (var files = Files.list(dataDir)) {
                assertEquals(0, files.count());
            }
            List<String> out = run.out().lines().toList();
            assertTrue(out.contains("SIGIL_SERVER_URL=" + fake.url()), run.out());
            assertTrue(out.contains("SIGIL_AGENT_KEY_FILE=" + keyFile), run.out());
            assertTrue(out.contains("SIGIL_AGENT_PASSPHRASE="), "left to fill in: " + run.out());
            assertTrue(
                    out.contains("ExecStart=" + Cli.JAVA + " -jar " + Cli.JAR + " run"), run.out());
            assertTrue(run.err().contains("Note: cannot write to " + dataDir), run.err());
        }
    }

    @Test
    void unwritableKeyLocationFailsBeforeTheTokenIsSpent() throws Exception {
        try (var readOnly = ReadOnlyDirectory.make(dataDir)) {
            var run = register();

            assertEquals(ExitCode.IO.code(), run.exit());
            assertEquals(1, run.errors().size(), run.err());
            assertTrue(
                    run.errors()
                            .get(0)
                            .startsWith(
                                    "sigil-agent: cannot write the private key to "
                                            + dataDir.resolve("agent-key.pem.new")),
                    run.err());
            assertTrue(run.errors().get(0).contains("nothing was sent to the server"), run.err());
            assertFalse(fake.registrationTokenUsed());
        }
    }

    private Cli.Run register(String... extra) {
        var args =
                new ArrayList<>(
                        List.of(
                                "register",
                                "--server",
                                fake.url().toString(),
                                "--agent-id",
                                FakeSigilServer.AGENT_ID,
                                "--registration-token",
                                FakeSigilServer.REGISTRATION_TOKEN,
                                "--data-dir",
                                dataDir.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
