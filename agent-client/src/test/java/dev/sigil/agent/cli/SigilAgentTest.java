package dev.sigil.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.agent.channel.FakeSigilServer;
import dev.sigil.agent.config.SystemdUnit;
import dev.sigil.agent.keys.AgentKeyPair;
import dev.sigil.agent.keys.KeyFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and one-line errors of the whole command line. */
class SigilAgentTest {

    static final String SECRET = "sgr_do-not-print-me";

    @TempDir Path dir;

    FakeSigilServer fake;
    AgentKeyPair key = AgentKeyPair.generate(new SecureRandom());
    Path keyFile;

    @BeforeEach
    void registeredAgent() throws Exception {
        fake = FakeSigilServer.start();
        var file = new KeyFile(dir.resolve("agent-key.pem"));
        file.stage(key);
        file.commit();
        keyFile = file.path();
        fake.preRegister(key.openSshPublicKey(null));
    }

    @AfterEach
    void stopFakeServer() {
        fake.close();
    }

    @Test
    void helpListsTheCommandsAndExitsOk() {
        var run = Cli.run("--help");

        assertEquals(ExitCode.OK.code(), run.exit());
        for (String command : List.of("register", "run", "token", "whoami", "rotate-key")) {
            assertTrue(run.out().contains(command), run.out());
        }
    }

    @Test
    void registerHelpShowsItsOptions() {
        var run = Cli.run("register", "--help");

        assertEquals(ExitCode.OK.code(), run.exit());
        assertTrue(run.out().contains("--registration-token=TOKEN"), run.out());
        assertTrue(run.out().contains("--force"), run.out());
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        var run = Cli.run("token", "--sever", "https://sigil.example.com");

        assertEquals(ExitCode.USAGE.code(), run.exit());
        assertEquals(
                List.of(
                        "sigil-agent: unknown option '--sever' and 1 unexpected argument"
                                + " (see 'sigil-agent token --help')"),
                run.err().lines().toList());
        assertEquals("", run.out());
    }

    @Test
    void missingCommandIsAUsageError() {
        var run = Cli.run();

        assertEquals(ExitCode.USAGE.code(), run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("register, run, token, whoami or rotate-key"), run.err());
    }

    @Test
    void misspelledTokenOptionDoesNotEchoTheToken() {
        var run = Cli.run("register", "--registration-tokn", SECRET);

        assertEquals(ExitCode.USAGE.code(), run.exit());
        assertFalse(run.all().contains(SECRET), run.all());
    }

    @Test
    void repeatedTokenOptionDoesNotEchoTheToken() {
        var run =
                Cli.run(
                        "register",
                        "--registration-token",
                        SECRET,
                        "--registration-token=" + SECRET + "2");

        assertEquals(ExitCode.USAGE.code(), run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.all().contains(SECRET), run.all());
    }

    @Test
    void badOverlapIsAUsageError() {
        var run = Cli.run("rotate-key", "--overlap", "soon");

        assertEquals(ExitCode.USAGE.code(), run.exit());
        assertTrue(run.err().contains("24h"), run.err());
    }

    @Test
    void missingServerIsAConfigurationError() {
        var run = Cli.run("token", "--data-dir", dir.toString(), "--agent-id", "a");

        assertEquals(ExitCode.CONFIG.code(), run.exit());
        assertEquals(
                List.of("sigil-agent: no server URL: pass --server or set SIGIL_SERVER_URL"),
                run.err().lines().toList());
    }

    @Test
    void missingKeyFileIsAConfigurationError() {
        keyFile = dir.resolve("nothing.pem");

        var run = token();

        assertEquals(ExitCode.CONFIG.code(), run.exit());
        assertTrue(run.errors().get(0).contains("run 'sigil-agent register' first"), run.err());
    }

    @Test
    void closedPortIsANetworkError() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        var run =
                Cli.run(
                        "token",
                        "--server",
                        "http://127.0.0.1:" + port,
                        "--agent-id",
                        FakeSigilServer.AGENT_ID,
                        "--key-file",
                        keyFile.toString(),
                        "--data-dir",
                        dir.toString());

        assertEquals(ExitCode.NETWORK.code(), run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(
                run.err().startsWith("sigil-agent: cannot connect to http://127.0.0.1:" + port),
                run.err());
    }

    @Test
    void oauthErrorIsARejectionOnOneLine() {
        fake.refuseTokens = true;

        var run = token();

        assertEquals(ExitCode.REJECTED.code(), run.exit());
        assertEquals(
                List.of(
                        "sigil-agent: token request rejected (HTTP 401): invalid_client: Client"
                                + " authentication failed."),
                run.err().lines().toList());
        assertEquals("", run.out());
    }

    @Test
    void problemDetailsOfAServerErrorAreShownOnOneLine() {
        fake.answer(
                "/api/v1/agents/tokens",
                FakeSigilServer.problem(
                        500, "internal", "Internal error", "Something broke.\nSecond line."));

        var run = token();

        assertEquals(ExitCode.SERVER.code(), run.exit());
        assertEquals(
                List.of(
                        "sigil-agent: token request failed on the server (HTTP 500): Internal"
                                + " error: Something broke. Second line. (internal)"),
                run.err().lines().toList());
    }

    @Test
    void rateLimitHasItsOwnExitCode() {
        fake.rateLimitTokens = true;

        var run = token();

        assertEquals(ExitCode.RATE_LIMITED.code(), run.exit());
        assertTrue(run.errors().get(0).contains("retry after 7 s"), run.err());
    }

    @Test
    void exitCodesAreDistinct() {
        assertEquals(
                ExitCode.values().length,
                java.util.Arrays.stream(ExitCode.values())
                        .mapToInt(ExitCode::code)
                        .distinct()
                        .count());
        assertEquals(0, ExitCode.OK.code());
        assertEquals(2, ExitCode.USAGE.code());
    }

    @Test
    void theUnitStopsRestartingOnTheExitCodesOfPermanentFailures() {
        assertEquals(
                List.of(
                        ExitCode.USAGE.code(),
                        ExitCode.CONFIG.code(),
                        ExitCode.REJECTED.code(),
                        ExitCode.IO.code()),
                java.util.Arrays.stream(SystemdUnit.RESTART_PREVENT_EXIT_STATUS.split(" "))
                        .map(Integer::valueOf)
                        .toList());
    }

    private Cli.Run token() {
        return Cli.run(
                "token",
                "--server",
                fake.url().toString(),
                "--agent-id",
                FakeSigilServer.AGENT_ID,
                "--key-file",
                keyFile.toString(),
                "--data-dir",
                dir.toString());
    }
}
