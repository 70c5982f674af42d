package dev.sigil.agent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.agent.channel.FakeSigilServer;
import dev.sigil.agent.keys.AgentKeyPair;
import dev.sigil.agent.keys.KeyFile;
import dev.sigil.agent.keys.LockHolder;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run}, driven by a {@link SteppedTime}: the clock moves only as the command waits, and the
 * test decides when it is stopped.
 */
class RunCommandTest {

    static final String PASSPHRASE = "passphrase-that-must-not-show-4711";
    static final String TOKENS = "/api/v1/agents/tokens";
    static final String KEY_ROTATION = "/api/v1/agents/me/key-rotation";

    @TempDir Path dataDir;

    FakeSigilServer fake;
    KeyFile keyFile;
    AgentKeyPair oldKey = AgentKeyPair.generate(new SecureRandom());
    String oldPem;
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    SteppedTime time = new SteppedTime(start);

    @BeforeEach
    void registeredAgentWithAgentEnv() throws Exception {
        fake = FakeSigilServer.start();
        fake.clock = time;
        keyFile = new KeyFile(dataDir.resolve("agent-key.pem"));
        keyFile.stage(oldKey);
        keyFile.commit();
        oldPem = Files.readString(keyFile.path());
        fake.preRegister(oldKey.openSshPublicKey(null));
        Files.writeString(
                dataDir.resolve("agent.env"),
                "SIGIL_SERVER_URL="
                        + fake.url()
                        + "\nSIGIL_AGENT_ID="
                        + FakeSigilServer.AGENT_ID
                        + "\nSIGIL_AGENT_PASSPHRASE="
                        + PASSPHRASE
                        + "\n");
    }

    @AfterEach
    void stopFakeServer() {
        fake.close();
    }

    @Test
    void printsOneStatusLineAtStartAndStopsWithOk() {
        time.stopAt(1);

        var run = run();

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertEquals(
                List.of(
                        "sigil-agent: running as agent "
                                + FakeSigilServer.AGENT_ID
                                + " (Billing database agent), key "
                                + oldKey.fingerprint()
                                + " expires "
                                + FakeSigilServer.KEY_EXPIRES_AT
                                + "; checking every 1h, rotating the key 14d before it expires",
                        "sigil-agent: stopped"),
                run.out().lines().toList());
        assertEquals("", run.err());
        assertEquals(List.of(hours(1)), time.waits());
        assertTrue(time.listening(), "stopped by SIGTERM and SIGINT");
        assertNoSecrets(run);
    }

    @Test
    void checksEveryIntervalWithAFreshAssertionAndSaysNothingWhileAllIsWell() {
        time.stopAt(4);

        var run = run("--check-interval", "15m");

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertEquals(List.of(min(15), min(15), min(15), min(15)), time.waits());
        assertEquals(4, fake.assertions.size());
        assertEquals(4, fake.assertions.stream().distinct().count());
        assertEquals(2, run.out().lines().count(), run.out());
        assertTrue(run.out().contains("checking every 15m"), run.out());
        assertNoSecrets(run);
    }

    @Test
    void rotatesTheKeyWhenItExpiresWithinRotateBefore() throws Exception {
        fake.keyExpiresAt = start.plus(Duration.ofDays(10)).toString();
        fake.rotatedKeyLifetime = Duration.ofDays(90);
        fake.previousKeyRetiresAt = start.plus(Duration.ofHours(2)).toString();
        time.stopAt(3);

        var run = run("--overlap", "2h");

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        AgentKeyPair newKey = keyFile.read();
        assertNotEquals(oldKey.fingerprint(), newKey.fingerprint());
        assertArrayEquals(fake.currentKey(), newKey.publicKeyBytes());
        assertEquals(oldPem, Files.readString(keyFile.previousPath()));
        assertFalse(Files.exists(keyFile.stagedPath()));
        assertEquals(1, fake.rotationRequests.size(), "once: the new key is not due");
        assertEquals("PT2H", fake.rotationRequests.get(0).get("overlap"));
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).contains("key " + oldKey.fingerprint()), lines.get(0));
        assertEquals(
                "sigil-agent: rotated the key "
                        + oldKey.fingerprint()
                        + " (expires "
                        + start.plus(Duration.ofDays(10))
                        + ", within 14d) to "
                        + newKey.fingerprint()
                        + " (expires "
                        + start.plus(Duration.ofDays(90))
                        + "); the previous key stays valid until "
                        + start.plus(Duration.ofHours(2)),
                lines.get(1));
        assertEquals(List.of(hours(1), hours(1), hours(1)), time.waits());
        assertEquals("", run.err());
        assertNoSecrets(run);
    }

    @Test
    void doesNotRotateAKeyThatExpiresLaterThanRotateBefore() throws Exception {
        fake.keyExpiresAt = start.plus(Duration.ofDays(15)).toString();
        time.stopAt(3);

        var run = run();

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertEquals(List.of(), fake.rotationRequests);
        assertEquals(oldPem, Files.readString(keyFile.path()));
        assertFalse(Files.exists(keyFile.previousPath()));
        assertFalse(run.out().contains("rotated"), run.out());
    }

    @Test
    void rotatesAtTheFirstCheckOnceTheKeyIsWithinRotateBefore() {
        // Due 90 minutes after start: the second wait is shortened to meet that moment.
        fake.keyExpiresAt = start.plus(Duration.ofDays(14)).plus(min(90)).toString();
        time.afterWait(2, () -> assertEquals(0, fake.rotationRequests.size(), "not yet")).stopAt(4);

        var run = run();

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertEquals(List.of(hours(1), min(30), hours(1), hours(1)), time.waits());
        assertEquals(1, fake.rotationRequests.size());
    }

    @Test
    void neverRotatesAKeyWithoutExpiry() {
        fake.keyExpiresAt = null;
        time.stopAt(3);

        var run = run("--rotate-before", "999999d");

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertEquals(List.of(), fake.rotationRequests);
        assertTrue(
                run.out()
                        .lines()
                        .findFirst()
                        .orElseThrow()
                        .endsWith("without expiry; checking every 1h"),
                run.out());
    }

    @Test
    void keysThatLiveNoLongerThanRotateBeforeAreRotatedWhenAThirdOfTheirLifeIsLeft() {
        // The key found at start is due (5 days left, 14 wanted). Its successors live 7 days: by
        // --rotate-before alone each would be due at once; a third of 7 days is 56 hours.
        fake.keyExpiresAt = start.plus(Duration.ofDays(5)).toString();
        fake.rotatedKeyLifetime = Duration.ofDays(7);
        time.stopAt(7);

        var run = run("--check-interval", "1d");

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertEquals(2, fake.rotationRequests.size(), run.out());
        // Rotations at 0 h and at 112 h (7 days less 56 hours), checks every day between.
        assertEquals(
                List.of(
                        hours(24), hours(24), hours(24), hours(24), hours(16), hours(24),
                        hours(24)),
                time.waits());
        List<String> rotated = run.out().lines().filter(l -> l.contains(" rotated ")).toList();
        assertEquals(2, rotated.size(), run.out());
        assertTrue(rotated.get(0).contains("within 14d"), rotated.get(0));
        assertTrue(rotated.get(1).contains("within 56h"), rotated.get(1));
        assertTrue(
                rotated.get(1).contains("(expires " + start.plus(Duration.ofDays(7)) + ", "),
                rotated.get(1));
    }

    @Test
    void backsOffOnServerErrorsHonoursRetryAfterAndReportsTheRecovery() {
        time.afterWait(
                        1,
                        () ->
                                fake.answer(
                                        TOKENS,
                                        FakeSigilServer.problem(
                                                503, "unavailable", "Unavailable", "Later.")))
                .afterWait(
                        3,
                        () ->
                                fake.answer(
                                        TOKENS,
                                        new FakeSigilServer.Canned(
                                                429,
                                                "application/json",
                                                "{\"error\":\"slow_down\"}",
                                                Map.of("Retry-After", "120"))))
                .afterWait(4, () -> fake.stopAnswering(TOKENS))
                .stopAt(6);

        var run = run();

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        List<Duration> waits = time.waits();
        assertEquals(hours(1), waits.get(0));
        assertBetween(seconds(2.5), seconds(5), waits.get(1)); // first failure: 5 s, jittered
        assertBetween(seconds(5), seconds(10), waits.get(2)); // second: 10 s
        assertEquals(seconds(120), waits.get(3), "Retry-After beats the 20 s of the third");
        assertEquals(hours(1), waits.get(4), "back to the interval");

        List<String> errors = run.err().lines().toList();
        assertEquals(3, errors.size(), run.err());
        assertTrue(
                errors.get(0)
                        .startsWith(
                                "sigil-agent: token request failed on the server (HTTP 503):"
                                        + " Unavailable: Later."),
                errors.get(0));
        assertTrue(errors.get(0).endsWith("; retrying in " + upTo(waits.get(1)) + " s"));
        assertTrue(errors.get(2).contains("rate-limited by the server (HTTP 429)"), errors.get(2));
        assertTrue(errors.get(2).endsWith("; retrying in 120 s"), errors.get(2));

        List<String> lines = run.out().lines().toList();
        assertEquals(
                "sigil-agent: recovered after 3 failed attempts since "
                        + start.plus(hours(1))
                        + "; key "
                        + oldKey.fingerprint()
                        + " expires "
                        + FakeSigilServer.KEY_EXPIRES_AT,
                lines.get(1));
        assertNoSecrets(run);
    }

    @Test
    void backoffStopsGrowingAtTheCheckInterval() {
        fake.answer(TOKENS, FakeSigilServer.problem(502, "bad-gateway", "Bad gateway", "Proxy."));
        time.stopAt(5);

        var run = run("--check-interval", "12s");

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        List<Duration> waits = time.waits();
        assertBetween(seconds(2.5), seconds(5), waits.get(0));
        assertBetween(seconds(5), seconds(10), waits.get(1));
        for (Duration wait : waits.subList(2, 5)) {
            assertBetween(seconds(6), seconds(12), wait);
        }
        assertFalse(run.out().contains("running as"), "no check succeeded: " + run.out());
    }

    @Test
    void exitsWithRejectedWhenTheServerRefusesTheAgent() {
        time.afterWait(1, () -> fake.refuseTokens = true);

        var run = run();

        assertEquals(ExitCode.REJECTED.code(), run.exit());
        assertEquals(1, time.waits().size(), "no retry");
        assertEquals(
                List.of(
                        "sigil-agent: token request rejected (HTTP 401): invalid_client: Client"
                                + " authentication failed.; not retrying, as the server refuses"
                                + " this agent (it may be disabled or deleted, or its key expired"
                                + " or was replaced)"),
                run.err().lines().toList());
        assertEquals(1, run.out().lines().count(), "the status line only: " + run.out());
        assertNoSecrets(run);
    }

    @Test
    void exitsWithConfigWhenTheConfigurationIsMissing() {
        var run =
                Cli.run(
                        Map.of(),
                        time,
                        time,
                        "run",
                        "--data-dir",
                        dataDir.resolve("nothing-here").toString());

        assertEquals(ExitCode.CONFIG.code(), run.exit());
        assertEquals(
                List.of("sigil-agent: no server URL: pass --server or set SIGIL_SERVER_URL"),
                run.err().lines().toList());
        assertEquals(List.of(), time.waits());
        assertFalse(time.listening());
    }

    @Test
    void exitsWithConfigWhenTheKeyFileIsMissing() throws Exception {
        Files.delete(keyFile.path());

        var run = run();

        assertEquals(ExitCode.CONFIG.code(), run.exit());
        assertEquals(1, run.errors().size(), run.err());
        assertTrue(run.errors().get(0).contains("run 'sigil-agent register' first"), run.err());
        assertEquals(List.of(), fake.assertions, "nothing sent");
    }

    @Test
    void aRotationWithAnUnknownOutcomeIsSettledAndTriedAgain() throws Exception {
        fake.keyExpiresAt = start.plus(Duration.ofDays(10)).toString();
        fake.answer(KEY_ROTATION, FakeSigilServer.problem(503, "unavailable", "Down", "Later."));
        time.afterWait(1, () -> fake.stopAnswering(KEY_ROTATION)).stopAt(4);

        var run = run();

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        List<String> errors = run.err().lines().toList();
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).contains("the new key is in " + keyFile.stagedPath()), run.err());
        // The staged key may still reach the server until its proof expires; then it is
        // discarded and the rotation made again.
        List<Duration> waits = time.waits();
        Duration untilProofsExpire = waits.get(0).plus(waits.get(1));
        assertBetween(
                RunCommand.STAGED_KEY_DEADLINE,
                RunCommand.STAGED_KEY_DEADLINE.plusSeconds(5),
                untilProofsExpire);
        assertTrue(run.out().contains("discarded " + keyFile.stagedPath()), run.out());
        assertEquals(1, fake.rotationRequests.size(), "the contract's, after the 503");
        assertArrayEquals(fake.currentKey(), keyFile.read().publicKeyBytes());
        assertFalse(Files.exists(keyFile.stagedPath()));
        assertNoSecrets(run);
    }

    @Test
    void installsTheKeyOfAnEarlierRotationThatWentThrough() throws Exception {
        AgentKeyPair staged = AgentKeyPair.generate(new SecureRandom());
        keyFile.stage(staged);
        fake.rotatedTo(staged.openSshPublicKey(null));
        time.stopAt(2);

        var run = run();

        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertEquals(staged.fingerprint(), keyFile.read().fingerprint());
        assertEquals(oldPem, Files.readString(keyFile.previousPath()));
        assertFalse(Files.exists(keyFile.stagedPath()));
        assertEquals(seconds(1), time.waits().get(0), "checks again at once, with the new key");
        assertTrue(run.out().contains("installed the key " + staged.fingerprint()), run.out());
        assertEquals(List.of(), fake.rotationRequests);
        assertEquals("", run.err());
    }

    @Test
    @Timeout(30)
    void aSignalEndsTheWaitAtOnceAndTheProcessExitsZero() throws Exception {
        var jvm = new ShutdownSignalTest.FakeJvm();
        var shutdown = new ShutdownSignal(jvm);
        var out = new LineQueue();
        var err = new StringWriter();
        var invocation = Cli.invocation(Map.of(), Clock.systemUTC(), shutdown, out, err);
        var main =
                new Thread(
                        () ->
                                shutdown.exit(
                                        SigilAgent.execute(
                                                invocation,
                                                "run",
                                                "--data-dir",
                                                dataDir.toString())));
        main.setDaemon(true); // should the signal not end it, it must not hold the test JVM
        main.start();
        assertTrue(
                out.next(Duration.ofSeconds(30)).startsWith("sigil-agent: running as agent"),
                err::toString);

        jvm.signal(); // an hour before the next check

        assertEquals(0, jvm.halted.get(1, TimeUnit.SECONDS), "halted with 0 within a second");
        assertEquals("sigil-agent: stopped", out.next(Duration.ofSeconds(1)));
        main.join(Duration.ofSeconds(1).toMillis());
        assertFalse(main.isAlive());
        assertFalse(jvm.exited.isDone(), "no System.exit during the shutdown");
        assertEquals("", err.toString());
    }

    /**
     * rotate-key by hand holds the key files when the rotation is due: run waits for it, checks
     * again with the key that rotate-key installed, and does not rotate that one as well.
     */
    @Test
    @Timeout(60)
    void waitsWhileRotateKeyHoldsTheKeyFilesThenGoesOnWithItsKey() throws Exception {
        fake.keyExpiresAt = start.plus(Duration.ofDays(10)).toString();
        time.stopAt(2);
        var out = new LineQueue();
        var err = new StringWriter();
        try (LockHolder other = LockHolder.hold(keyFile.lockPath())) {
            CompletableFuture<Integer> exit =
                    CompletableFuture.supplyAsync(
                            () ->
                                    SigilAgent.execute(
                                            Cli.invocation(Map.of(), time, time, out, err),
                                            "run",
                                            "--data-dir",
                                            dataDir.toString()));
            assertTrue(
                    out.next(Duration.ofSeconds(30)).startsWith("sigil-agent: running as agent"),
                    err::toString);
            assertEquals(
                    "sigil-agent: Waiting for another sigil-agent process to finish with the key"
                            + " files (it holds "
                            + keyFile.lockPath()
                            + ")...",
                    out.next(Duration.ofSeconds(30)));
            // Meanwhile rotate-key replaces the key.
            AgentKeyPair theirs = RotateKeyCommandTest.rotatedByTheOtherProcess(fake, keyFile);
            fake.keyExpiresAt = start.plus(Duration.ofDays(90)).toString();

            other.release();

            assertEquals(ExitCode.OK.code(), exit.get(30, TimeUnit.SECONDS), err.toString());
            assertEquals(
                    "sigil-agent: the key file now holds key "
                            + theirs.fingerprint()
                            + ", was "
                            + oldKey.fingerprint(),
                    out.next(Duration.ofSeconds(1)));
            assertEquals(List.of(), fake.rotationRequests, "no second rotation");
            assertArrayEquals(theirs.publicKeyBytes(), keyFile.read().publicKeyBytes());
            assertEquals("", err.toString());
        }
    }

    @Test
    void tooShortACheckIntervalIsAUsageError() {
        var run = run("--check-interval", "PT0.5S");

        assertEquals(ExitCode.USAGE.code(), run.exit());
        assertTrue(run.err().contains("at least 1s"), run.err());
    }

    @Test
    void helpSaysWhatRunDoesInThisVersion() {
        var run = Cli.run("run", "--help");

        assertEquals(ExitCode.OK.code(), run.exit());
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("it keeps the agent's identity"), help);
        assertTrue(help.contains("rotates the key"), help);
        assertTrue(help.contains("Jobs will arrive over this same service"), help);
        assertTrue(help.contains("--check-interval=DURATION"), help);
        assertTrue(help.contains("Default: 1h"), help);
        assertTrue(help.contains("Default: 14d"), help);
        assertTrue(help.contains("--overlap=DURATION"), help);
    }

    private Cli.Run run(String... extra) {
        var args = new ArrayList<>(List.of("run", "--data-dir", dataDir.toString()));
        args.addAll(List.of(extra));
        return Cli.run(Map.of(), time, time, args.toArray(String[]::new));
    }

    /** Nothing secret in either stream (L1.3). */
    private void assertNoSecrets(Cli.Run run) {
        List<String> secrets = new ArrayList<>();
        secrets.add(PASSPHRASE);
        secrets.add("PRIVATE KEY");
        secrets.add(oldPem.lines().skip(1).findFirst().orElseThrow());
        secrets.addAll(fake.issuedTokens());
        secrets.addAll(fake.assertions);
        try {
            if (Files.exists(keyFile.path())) {
                secrets.add(
                        Files.readString(keyFile.path()).lines().skip(1).findFirst().orElseThrow());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertFalse(fake.issuedTokens().isEmpty(), "the run got tokens that it must not show");
        for (String secret : secrets) {
            assertFalse(run.all().contains(secret), "a secret in the output: " + run.all());
        }
    }

    /** A writer that hands over each line as it is written, for a test to wait for. */
    static final class LineQueue extends Writer {

        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] == '\n') {
                    lines.add(partial.toString());
                    partial.setLength(0);
                } else {
                    partial.append(chars[i]);
                }
            }
        }

        /** The next line, waiting at most {@code timeout} for it. */
        String next(Duration timeout) throws InterruptedException {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(line, "a line within " + timeout);
            return line;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    private static void assertBetween(Duration low, Duration high, Duration actual) {
        assertTrue(
                actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0,
                actual + " in [" + low + ", " + high + "]");
    }

    private static long upTo(Duration wait) {
        return wait.plusMillis(999).toSeconds();
    }

    private static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }

    private static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis((long) (seconds * 1000));
    }
}
