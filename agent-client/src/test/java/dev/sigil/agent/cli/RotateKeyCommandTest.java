package dev.sigil.agent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.agent.channel.FakeSigilServer;
import dev.sigil.agent.keys.AgentKeyPair;
import dev.sigil.agent.keys.KeyFile;
import dev.sigil.agent.keys.LockHolder;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotateKeyCommandTest {

    @TempDir Path dataDir;

    FakeSigilServer fake;
    KeyFile keyFile;
    AgentKeyPair oldKey = AgentKeyPair.generate(new SecureRandom());
    String oldPem;

    @BeforeEach
    void registeredAgent() throws Exception {
        fake = FakeSigilServer.start();
        keyFile = new KeyFile(dataDir.resolve("agent-key.pem"));
        keyFile.stage(oldKey);
        keyFile.commit();
        oldPem = Files.readString(keyFile.path());
        fake.preRegister(oldKey.openSshPublicKey(null));
    }

    @AfterEach
    void stopFakeServer() {
        fake.close();
    }

    @Test
    void rotatesTheKeyAndKeepsThePreviousOne() throws Exception {
        var run = rotate();

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        AgentKeyPair newKey = keyFile.read();
        assertEquals(List.of(newKey.fingerprint()), run.out().lines().toList());
        assertArrayEquals(fake.currentKey(), newKey.publicKeyBytes());
        assertFalse(oldKey.fingerprint().equals(newKey.fingerprint()));
        assertEquals(oldPem, Files.readString(keyFile.previousPath()));
        assertEquals("rw-------", permissions(keyFile.path()));
        assertEquals("rw-------", permissions(keyFile.previousPath()));
        assertFalse(Files.exists(keyFile.stagedPath()));
        assertTrue(
                run.err()
                        .contains(
                                "The previous key stays valid until "
                                        + FakeSigilServer.PREVIOUS_KEY_RETIRES_AT),
                run.err());
        assertTrue(run.err().contains("Authentication works."), run.err());
    }

    @Test
    void sendsTheOverlapOnlyWhenAsked() {
        rotate();
        rotate("--overlap", "24h");

        assertFalse(fake.rotationRequests.get(0).containsKey("overlap"));
        assertEquals("PT24H", fake.rotationRequests.get(1).get("overlap"));
    }

    @Test
    void rejectedRotationKeepsTheCurrentKey() throws Exception {
        fake.answer(
                "/api/v1/agents/me/key-rotation",
                FakeSigilServer.problem(409, "rotation-pending", "Rotation pending", "Wait."));

        var run = rotate();

        assertEquals(ExitCode.REJECTED.code(), run.exit());
        assertEquals(
                List.of(
                        "sigil-agent: key rotation rejected (HTTP 409): Rotation pending: Wait."
                                + " (rotation-pending)"),
                run.errors());
        assertEquals(oldPem, Files.readString(keyFile.path()));
        assertFalse(Files.exists(keyFile.stagedPath()));
        assertFalse(Files.exists(keyFile.previousPath()));
    }

    @Test
    void serverErrorKeepsTheNewKeyStagedAsTheOutcomeIsUnknown() throws Exception {
        fake.answer(
                "/api/v1/agents/me/key-rotation",
                FakeSigilServer.problem(502, "upstream", "Bad gateway", "Proxy failed."));

        var run = rotate();

        assertEquals(ExitCode.SERVER.code(), run.exit());
        assertEquals(1, run.errors().size(), run.err());
        assertTrue(run.errors().get(0).endsWith("the new key is in " + keyFile.stagedPath()));
        assertEquals(oldPem, Files.readString(keyFile.path()));
        assertEquals("rw-------", permissions(keyFile.stagedPath()));
    }

    @Test
    void keyLeftStagedByAnUnclearRotationBlocksTheNextOne() throws Exception {
        rotate();
        fake.answer(
                "/api/v1/agents/me/key-rotation",
                FakeSigilServer.problem(503, "unavailable", "Unavailable", "Later."));
        rotate();
        String staged = Files.readString(keyFile.stagedPath());

        var run = rotate();

        assertEquals(ExitCode.CONFIG.code(), run.exit());
        assertTrue(run.errors().get(0).contains("move it to " + keyFile.path()), run.err());
        assertEquals(staged, Files.readString(keyFile.stagedPath()));
    }

    /**
     * rotate-key while another process (the service's own rotation) holds the key files: it waits,
     * then rotates the key that process left instead of the one it read at first.
     */
    @Test
    void waitsForAnotherProcessThenRotatesTheKeyItInstalled() throws Exception {
        var waiting = new CountDownLatch(1);
        var err =
                new StringWriter() {
                    @Override
                    public void write(String text, int off, int len) {
                        super.write(text, off, len);
                        if (toString().contains("Waiting for another sigil-agent process")) {
                            waiting.countDown();
                        }
                    }
                };
        try (LockHolder other = LockHolder.hold(keyFile.lockPath())) {
            CompletableFuture<Integer> exit =
                    CompletableFuture.supplyAsync(
                            () ->
                                    SigilAgent.execute(
                                            Cli.invocation(
                                                    Map.of(),
                                                    Clock.systemUTC(),
                                                    new SteppedTime(Instant.now()).stopAt(1),
                                                    new StringWriter(),
                                                    err),
                                            arguments()));
            assertTrue(waiting.await(30, TimeUnit.SECONDS), err.toString());
            AgentKeyPair theirs = rotatedByTheOtherProcess(fake, keyFile);

            other.release();

            assertEquals(ExitCode.OK.code(), exit.get(60, TimeUnit.SECONDS), err.toString());
            assertTrue(
                    err.toString()
                            .contains(
                                    "Authenticating with the current key " + theirs.fingerprint()),
                    err.toString());
            assertEquals(theirs.toPem(), Files.readString(keyFile.previousPath()));
            assertArrayEquals(fake.currentKey(), keyFile.read().publicKeyBytes());
        }
    }

    /**
     * What another sigil-agent process's rotation leaves: a new key installed, the one before it
     * kept as the previous key, and the server swapped over.
     */
    static AgentKeyPair rotatedByTheOtherProcess(FakeSigilServer fake, KeyFile keyFile) {
        AgentKeyPair theirs = AgentKeyPair.generate(new SecureRandom());
        keyFile.stage(theirs);
        keyFile.commit();
        fake.rotatedTo(theirs.openSshPublicKey(null));
        return theirs;
    }

    private String[] arguments(String... extra) {
        var args =
                new ArrayList<>(
                        List.of(
                                "rotate-key",
                                "--server",
                                fake.url().toString(),
                                "--agent-id",
                                FakeSigilServer.AGENT_ID,
                                "--data-dir",
                                dataDir.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private Cli.Run rotate(String... extra) {
        return Cli.run(arguments(extra));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
