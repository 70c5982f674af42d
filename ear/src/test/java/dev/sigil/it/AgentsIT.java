package dev.sigil.it;

import static dev.sigil.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent registry: adding agents, registration via agent (with the real CLI jar as a user runs
 * it), the agent's service ({@code run}) keeping its identity, the registration race, and an
 * admin's management of agents.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AgentsIT {

    static final Path DATA = SigilDeployment.newDataDirectory("agents");
    static final String ISSUER = "http://sigil.test";
    static String adminKey;

    @ArquillianResource URL url;

    @TempDir Path temp;

    Api api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SigilDeployment.war(
                DATA,
                Map.of(
                        "sigil.public-url", ISSUER,
                        "tokens.rate-per-minute.client", "100000",
                        "tokens.rate-per-minute.agent", "100000"));
    }

    @BeforeEach
    void admin() {
        api = new Api(url);
        adminKey = api.admin(DATA);
    }

    JsonObject createViaAgent(String name) {
        HttpResponse<String> created =
                api.post(
                        "api/v1/agents",
                        adminKey,
                        "{\"name\":\"" + name + "\",\"registration\":\"agent\"}");
        assertEquals(201, created.statusCode(), created.body());
        return Api.json(created);
    }

    record Run(int exit, String out, String err) {}

    Run cli(String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("java", "-jar", System.getProperty("sigil.agentJar")));
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .redirectOutput(temp.resolve("out").toFile())
                        .redirectError(temp.resolve("err").toFile())
                        .start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the CLI finishes");
        return new Run(
                process.exitValue(),
                Files.readString(temp.resolve("out")),
                Files.readString(temp.resolve("err")));
    }

    String server() {
        return api.uri("").toString().replaceAll("/$", "");
    }

    /** {@code sigil-agent run} as a process: stdout line by line as it comes, stderr in a file. */
    final class Service implements AutoCloseable {

        final Process process;
        final Path err;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> out = new CopyOnWriteArrayList<>();

        Service(String... args) throws IOException {
            List<String> command =
                    new ArrayList<>(
                            List.of("java", "-jar", System.getProperty("sigil.agentJar"), "run"));
            command.addAll(List.of(args));
            err = Files.createTempFile(temp, "run", ".err");
            process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            var reader =
                    new Thread(
                            () -> {
                                try (var stdout =
                                        new BufferedReader(
                                                new InputStreamReader(
                                                        process.getInputStream(),
                                                        StandardCharsets.UTF_8))) {
                                    for (String line; (line = stdout.readLine()) != null; ) {
                                        out.add(line);
                                        lines.add(line);
                                    }
                                } catch (IOException e) {
                                    // the process ended
                                }
                            },
                            "run-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * The next line on stdout that starts with {@code prefix}, waiting at most {@code timeout}.
         */
        String awaitLine(String prefix, Duration timeout) throws Exception {
            Instant deadline = Instant.now().plus(timeout);
            for (Duration left = timeout;
                    !left.isNegative();
                    left = Duration.between(Instant.now(), deadline)) {
                String line = lines.poll(left.toMillis(), TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError(
                    "no line '" + prefix + "...' within " + timeout + ": " + out + " " + err());
        }

        String out() {
            return String.join("\n", out);
        }

        String err() throws IOException {
            return Files.readString(err);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** Registers a new agent with the CLI; returns its data directory. */
    Path registeredAgent(String id, String registrationToken) throws Exception {
        Path dir = temp.resolve("data-" + id);
        Run register = register(id, registrationToken, dir);
        assertEquals(0, register.exit(), register.err());
        return dir;
    }

    /** {@code sigil-agent register} against the deployed server, into {@code dir}. */
    Run register(String id, String registrationToken, Path dir) throws Exception {
        return cli(
                "register",
                "--server",
                server(),
                "--agent-id",
                id,
                "--registration-token",
                registrationToken,
                "--data-dir",
                dir.toString());
    }

    @Test
    void theCliRegistersMintsTokensAndRotatesItsKey() throws Exception {
        JsonObject agent = createViaAgent("cli-agent");
        String id = agent.getString("agentId");
        String token = agent.getString("registrationToken");
        assertEquals("pending", agent.getString("status"));
        Path dir = temp.resolve("agent-data");

        Run register = register(id, token, dir);
        assertEquals(0, register.exit(), register.err());
        assertTrue(register.err().contains("Authentication works"), register.err());
        assertFalse(register.out().contains(token) || register.err().contains(token));
        Path key = dir.resolve("agent-key.pem");
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(dir.resolve("agent.env")).contains("SIGIL_AGENT_ID=" + id));
        assertTrue(
                Files.readString(dir.resolve("sigil-agent.service")).contains("EnvironmentFile="));

        JsonObject registered = Api.json(api.get("api/v1/agents/" + id, adminKey));
        assertEquals("active", registered.getString("status"));
        String fingerprint = registered.getString("keyFingerprint");
        assertTrue(register.err().contains(fingerprint), register.err());

        Run printed = cli("token", "--data-dir", dir.toString());
        assertEquals(0, printed.exit(), printed.err());
        assertEquals(3, printed.out().strip().split("\\.").length, "a compact JWS");

        Run whoami = cli("whoami", "--data-dir", dir.toString());
        assertEquals(0, whoami.exit(), whoami.err());
        assertTrue(whoami.out().contains(id) && whoami.out().contains("active"), whoami.out());

        Instant beforeRotation = Instant.now();
        Run rotate = cli("rotate-key", "--overlap", "2h", "--data-dir", dir.toString());
        assertEquals(0, rotate.exit(), rotate.err());
        JsonObject rotated = Api.json(api.get("api/v1/agents/" + id, adminKey));
        assertNotEquals(fingerprint, rotated.getString("keyFingerprint"));
        assertEquals(rotated.getString("keyFingerprint"), rotate.out().strip());
        // The old key works for the two hours the agent asked for, not the server's 24.
        Instant retires = Instant.parse(rotated.getString("previousKeyRetiresAt"));
        assertFalse(retires.isBefore(beforeRotation.plus(Duration.ofHours(2))), retires.toString());
        assertTrue(retires.isBefore(Instant.now().plus(Duration.ofHours(2))), retires.toString());
        assertFalse(rotate.err().contains("less than the --overlap"), rotate.err());
        assertEquals(0, cli("token", "--data-dir", dir.toString()).exit(), "the new key works");

        Run again = register(id, token, temp.resolve("second"));
        assertEquals(5, again.exit(), "a spent token is rejected: " + again.err());
        String[] lines = again.err().strip().split("\n");
        assertTrue(
                lines[lines.length - 1].startsWith("sigil-agent: "),
                "one-line error: " + again.err());

        String audit = api.get("api/v1/audit?agentId=" + id + "&limit=100", adminKey).body();
        for (String action :
                new String[] {
                    "agent:create", "agent:register", "token:issued", "agent:key-rotate"
                }) {
            assertTrue(audit.contains("\"action\":\"" + action + "\""), action + " in " + audit);
        }
        assertFalse(audit.contains(token), "no registration token in the audit log");
    }

    @Test
    void runRotatesAKeyThatIsDueAndExitsWithRejectedOnceTheAgentIsDisabled() throws Exception {
        JsonObject agent = createViaAgent("service-agent");
        String id = agent.getString("agentId");
        String registrationToken = agent.getString("registrationToken");
        Path dir = registeredAgent(id, registrationToken);
        String registered =
                Api.json(api.get("api/v1/agents/" + id, adminKey)).getString("keyFingerprint");

        // The registered key lives 90 days: with --rotate-before 200d it is due at once. Its
        // successor lives 90 days too, no longer than 200, so it is due only when 30 are left.
        try (var run =
                new Service(
                        "--data-dir",
                        dir.toString(),
                        "--check-interval",
                        "1s",
                        "--rotate-before",
                        "200d",
                        "--overlap",
                        "1h")) {
            String status =
                    run.awaitLine("sigil-agent: running as agent " + id, Duration.ofSeconds(60));
            assertTrue(status.contains("(service-agent), key " + registered + " expires "), status);
            assertTrue(
                    status.endsWith("; checking every 1s, rotating the key 200d before it expires"),
                    status);
            String rotated = run.awaitLine("sigil-agent: rotated the key ", Duration.ofSeconds(60));

            JsonObject after = Api.json(api.get("api/v1/agents/" + id, adminKey));
            String current = after.getString("keyFingerprint");
            assertNotEquals(registered, current);
            assertTrue(rotated.startsWith("sigil-agent: rotated the key " + registered), rotated);
            assertTrue(rotated.contains(", within 200d) to " + current + " (expires "), rotated);
            // The answer to the rotation has nanoseconds, the stored record rounded microseconds.
            String marker = "; the previous key stays valid until ";
            Instant retires =
                    Instant.parse(rotated.substring(rotated.indexOf(marker) + marker.length()));
            assertTrue(
                    retires.isBefore(Instant.now().plus(Duration.ofHours(1)))
                            && retires.isAfter(Instant.now().plus(Duration.ofMinutes(58))),
                    "--overlap 1h passed on: " + rotated);
            Instant stored = Instant.parse(after.getString("previousKeyRetiresAt"));
            assertTrue(
                    Duration.between(stored, retires).abs().compareTo(Duration.ofMillis(1)) < 0,
                    stored + " is the retirement in " + rotated);
            // It goes on checking, with the new key, for some three check intervals: the new key,
            // judged by a third of its 90 days, is not rotated again (counted in the audit below).
            assertFalse(run.process.waitFor(3, TimeUnit.SECONDS), "still running: " + run.err());
            String audit = api.get("api/v1/audit?agentId=" + id + "&limit=500", adminKey).body();
            assertEquals(
                    1,
                    audit.split("\"action\":\"agent:key-rotate\"", -1).length - 1,
                    "one rotation, not one per check: " + audit);

            assertEquals(
                    "disabled",
                    Api.json(api.post("api/v1/agents/" + id + "/disable", adminKey, ""))
                            .getString("status"));
            assertTrue(run.process.waitFor(30, TimeUnit.SECONDS), "run ends: " + run.out());
            assertEquals(5, run.process.exitValue(), run.err());
            String[] errors = run.err().strip().split("\n");
            String last = errors[errors.length - 1];
            assertTrue(
                    last.startsWith("sigil-agent: ") && last.contains("rejected (HTTP 401)"), last);
            assertTrue(
                    last.endsWith(
                            "not retrying, as the server refuses this agent (it may be disabled or deleted, or its key expired or was replaced)"),
                    last);

            String output = run.out() + run.err();
            String passphrase =
                    Files.readString(dir.resolve("agent.env"))
                            .lines()
                            .filter(l -> l.startsWith("SIGIL_AGENT_PASSPHRASE="))
                            .findFirst()
                            .orElseThrow()
                            .substring("SIGIL_AGENT_PASSPHRASE=".length());
            for (String secret : List.of(registrationToken, passphrase, "PRIVATE KEY", "eyJ")) {
                assertFalse(output.contains(secret), "no secret in " + output);
            }
        }
    }

    @Test
    void runStopsOnSigtermAndExitsZero() throws Exception {
        JsonObject agent = createViaAgent("stopped-agent");
        Path dir =
                registeredAgent(agent.getString("agentId"), agent.getString("registrationToken"));

        try (var run = new Service("--data-dir", dir.toString())) {
            run.awaitLine("sigil-agent: running as agent ", Duration.ofSeconds(60));

            Instant signalled = Instant.now();
            // SIGTERM, an hour before the next check. (Process.destroy would also close stdout.)
            run.process.toHandle().destroy();

            assertTrue(run.process.waitFor(10, TimeUnit.SECONDS), "run ends on SIGTERM");
            Duration took = Duration.between(signalled, Instant.now());
            assertTrue(
                    took.compareTo(Duration.ofSeconds(5)) < 0, "not at the end of a wait: " + took);
            assertEquals(0, run.process.exitValue(), run.err());
            run.awaitLine("sigil-agent: stopped", Duration.ofSeconds(5));
            assertEquals("", run.err());
        }
    }

    @Test
    void aRegistrationTokenIsSpentExactlyOnceUnderConcurrency() throws Exception {
        JsonObject agent = createViaAgent("raced");
        String body =
                "{\"agentId\":\""
                        + agent.getString("agentId")
                        + "\",\"registrationToken\":\""
                        + agent.getString("registrationToken")
                        + "\",\"keyType\":\"ed25519\",\"publicKey\":\"%s\"}";
        int callers = 20;
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            requests.add(String.format(body, new Ed25519Agent().publicPem().replace("\n", "\\n")));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        for (String request : requests) {
            calls.add(
                    pool.submit(
                            () -> {
                                start.await();
                                return api.post("api/v1/agents/registration", null, request);
                            }));
        }
        start.countDown();
        int won = 0;
        for (Future<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            if (response.statusCode() == 200) {
                won++;
            } else {
                assertProblem(response, 401, "not-authenticated");
            }
        }
        pool.shutdown();
        assertEquals(1, won, "exactly one registration wins the token");
    }

    @Test
    void wrongAndSpentTokensGetTheSameAnswer() {
        JsonObject agent = createViaAgent("guarded");
        String id = agent.getString("agentId");
        String template =
                "{\"agentId\":\"%s\",\"registrationToken\":\"%s\",\"keyType\":\"ed25519\","
                        + "\"publicKey\":\"%s\"}";
        String key = new Ed25519Agent().publicPem().replace("\n", "\\n");
        JsonObject wrong =
                assertProblem(
                        api.post(
                                "api/v1/agents/registration",
                                null,
                                String.format(template, id, "sgr_wrong", key)),
                        401,
                        "not-authenticated");
        assertEquals(
                200,
                api.post(
                                "api/v1/agents/registration",
                                null,
                                String.format(
                                        template, id, agent.getString("registrationToken"), key))
                        .statusCode());
        JsonObject spent =
                assertProblem(
                        api.post(
                                "api/v1/agents/registration",
                                null,
                                String.format(
                                        template, id, agent.getString("registrationToken"), key)),
                        401,
                        "not-authenticated");
        JsonObject unknown =
                assertProblem(
                        api.post(
                                "api/v1/agents/registration",
                                null,
                                String.format(
                                        template,
                                        UUID.randomUUID(),
                                        agent.getString("registrationToken"),
                                        key)),
                        401,
                        "not-authenticated");
        assertEquals(wrong.getString("detail"), spent.getString("detail"));
        assertEquals(wrong.getString("detail"), unknown.getString("detail"));

        JsonObject badKey =
                assertProblem(
                        api.post(
                                "api/v1/agents/registration",
                                null,
                                String.format(
                                        template, id, "sgr_x", "ssh-rsa AAAAB3NzaC1yc2E= short")),
                        400,
                        "validation-failed");
        assertTrue(badKey.getJsonArray("violations").toString().contains("publicKey"));
    }

    @Test
    void anAdminManagesAgentsAndAViewerOnlyReads() {
        JsonObject agent = createViaAgent("managed");
        String id = agent.getString("agentId");
        String oldToken = agent.getString("registrationToken");

        JsonObject fresh =
                Api.json(api.post("api/v1/agents/" + id + "/registration-token", adminKey, ""));
        assertNotEquals(oldToken, fresh.getString("registrationToken"));
        String register =
                "{\"agentId\":\""
                        + id
                        + "\",\"registrationToken\":\"%s\",\"keyType\":\"ed25519\","
                        + "\"publicKey\":\""
                        + new Ed25519Agent().publicPem().replace("\n", "\\n")
                        + "\"}";
        assertEquals(
                401,
                api.post("api/v1/agents/registration", null, String.format(register, oldToken))
                        .statusCode(),
                "the old token died");
        assertEquals(
                200,
                api.post(
                                "api/v1/agents/registration",
                                null,
                                String.format(register, fresh.getString("registrationToken")))
                        .statusCode());

        assertEquals(
                "disabled",
                Api.json(api.post("api/v1/agents/" + id + "/disable", adminKey, ""))
                        .getString("status"));
        assertEquals(
                "active",
                Api.json(api.post("api/v1/agents/" + id + "/enable", adminKey, ""))
                        .getString("status"));

        String viewer = api.createKey(adminKey, "agents-viewer", "viewer", null);
        HttpResponse<String> listed = api.get("api/v1/agents", viewer);
        assertEquals(200, listed.statusCode());
        assertTrue(listed.body().contains(id));
        assertFalse(listed.body().contains("registrationToken\""), "no token in listings");
        assertProblem(
                api.post("api/v1/agents", viewer, "{\"name\":\"x\",\"registration\":\"agent\"}"),
                403,
                "forbidden");
        assertProblem(
                api.post(
                        "api/v1/agents",
                        adminKey,
                        "{\"name\":\"x\",\"registration\":\"agent\",\"publicKey\":\"ssh-ed25519 AAAA\"}"),
                400,
                "validation-failed");
        assertProblem(
                api.post(
                        "api/v1/agents",
                        adminKey,
                        "{\"name\":\"x\",\"registration\":\"public-key\"}"),
                400,
                "validation-failed");

        assertEquals(204, api.delete("api/v1/agents/" + id, adminKey).statusCode());
        assertProblem(api.get("api/v1/agents/" + id, adminKey), 404, "not-found");
        assertProblem(api.get("api/v1/agents/not-a-uuid", adminKey), 404, "not-found");
    }
}
