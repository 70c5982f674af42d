package dev.sigil.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.agent.channel.FakeSigilServer;
import dev.sigil.agent.keys.AgentKeyPair;
import dev.sigil.agent.keys.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code token} and {@code whoami}, configured from {@code agent.env} alone. */
class TokenCommandTest {

    @TempDir Path dataDir;

    FakeSigilServer fake;

    @BeforeEach
    void registeredAgentWithAgentEnv() throws Exception {
        fake = FakeSigilServer.start();
        AgentKeyPair key = AgentKeyPair.generate(new SecureRandom());
        var file = new KeyFile(dataDir.resolve("agent-key.pem"));
        file.stage(key);
        file.commit();
        fake.preRegister(key.openSshPublicKey(null));
        Files.writeString(
                dataDir.resolve("agent.env"),
                "SIGIL_SERVER_URL="
                        + fake.url()
                        + "\nSIGIL_AGENT_ID="
                        + FakeSigilServer.AGENT_ID
                        + "\nSIGIL_AGENT_KEY_FILE="
                        + file.path()
                        + "\n");
    }

    @AfterEach
    void stopFakeServer() {
        fake.close();
    }

    @Test
    void tokenPrintsOnlyTheTokenOnOneLine() {
        var run = Cli.run(Map.of("SIGIL_AGENT_DATA_DIR", dataDir.toString()), "token");

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(1, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("at-"), run.out());
        assertEquals("", run.err());
        assertFalse(run.err().contains(lines.get(0)));
    }

    @Test
    void eachTokenComesFromAFreshAssertion() {
        Cli.run("token", "--data-dir", dataDir.toString());
        Cli.run("token", "--data-dir", dataDir.toString());

        assertEquals(2, fake.assertions.size());
        assertFalse(fake.assertions.get(0).equals(fake.assertions.get(1)));
    }

    @Test
    void whoamiPrintsTheRecordAsKeyValueLines() {
        var run = Cli.run("whoami", "--data-dir", dataDir.toString());

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("agentId: " + FakeSigilServer.AGENT_ID, lines.get(0));
        assertEquals("name: Billing database agent", lines.get(1));
        assertEquals("status: ACTIVE", lines.get(2));
        assertTrue(lines.get(3).startsWith("keyFingerprint: SHA256:"), run.out());
        assertEquals("keyExpiresAt: " + FakeSigilServer.KEY_EXPIRES_AT, lines.get(4));
        assertTrue(lines.contains("createdAt: 2026-11-01T10:00:00Z"), run.out());
    }

    @Test
    void flagsOverrideTheEnvironmentWhichOverridesAgentEnv() {
        var run =
                Cli.run(
                        Map.of(
                                "SIGIL_AGENT_DATA_DIR",
                                dataDir.toString(),
                                "SIGIL_AGENT_ID",
                                "agent-from-env"),
                        "token",
                        "--agent-id",
                        FakeSigilServer.AGENT_ID);

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());

        var fromEnvironment =
                Cli.run(
                        Map.of(
                                "SIGIL_AGENT_DATA_DIR",
                                dataDir.toString(),
                                "SIGIL_AGENT_ID",
                                "agent-from-env"),
                        "token");

        assertEquals(ExitCode.REJECTED.code(), fromEnvironment.exit(), "iss is agent-from-env");
    }
}
