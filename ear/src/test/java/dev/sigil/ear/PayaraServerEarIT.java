package dev.sigil.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Black-box smoke test: the unchanged {@code sigil.ear} on the real Payara Server (full profile),
 * installed the way an operator would.
 *
 * <p>Creates a throwaway domain on port base 28000 under {@code sigil.itDir}, with its listeners on
 * loopback, and starts it. Then {@code server-config}'s {@code payara/install.asadmin}, its example
 * values replaced by a fresh data directory, this URL and a free broker port, runs in {@code
 * asadmin multimode} from the directory that holds the EAR (system properties, Hazelcast on
 * loopback, no OpenMQ, the deployment), and the domain is restarted as the script asks. The tests
 * drive it over HTTP and look at what the server process listens on. The domain is always stopped
 * afterwards; on failure the tail of its server.log is printed.
 */
class PayaraServerEarIT {

    private static final String DOMAIN = "sigil-it";
    private static final int PORT_BASE = 28000;
    private static final int ADMIN_PORT = PORT_BASE + 48;
    private static final int HTTP_PORT = PORT_BASE + 80;
    private static final String LOOPBACK = "127.0.0.1";
    private static final URI BASE = URI.create("http://" + LOOPBACK + ":" + HTTP_PORT);

    // Measured on the shared 2-core machine: create-domain 14-18 s, start-domain 12-23 s, deploy
    // 31-49 s (install.asadmin adds a restart). The limits leave room for more load.
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(75);
    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 150;

    @RegisterExtension static final FailureWatch FAILURES = new FailureWatch();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path serverHome;
    private static Path itDir;
    private static Path domainDir;
    private static Path dataDir;
    private static int brokerPort;
    private static boolean domainCreated;
    private static String setupTokenPermissions;
    private static String setupBody;
    private static HttpResponse<String> firstSetup;
    private static final List<String> timings = new ArrayList<>();

    @BeforeAll
    static void deployEarToFreshDomain() throws Exception {
        serverHome = Path.of(requiredProperty("payara.serverHome"));
        Path ear = Path.of(requiredProperty("sigil.ear"));
        Path installAsadmin = Path.of(requiredProperty("payara.installAsadmin"));
        itDir = Path.of(requiredProperty("sigil.itDir"));
        domainDir = itDir.resolve("payara-domains");
        dataDir = itDir.resolve("payara-data");
        assertTrue(Files.isRegularFile(ear), "no EAR at " + ear);
        assertTrue(Files.isRegularFile(cli()), "no Payara Server at " + serverHome);

        removeLeftovers();
        assertPortFree(ADMIN_PORT);
        assertPortFree(HTTP_PORT);
        Files.createDirectories(dataDir);
        brokerPort = freeLoopbackPort();

        long t0 = System.nanoTime();
        domainCreated = true; // from here on, @AfterAll stops whatever got started
        asadmin(
                CREATE_TIMEOUT,
                Map.of(),
                List.of(),
                "create-domain",
                "--nopassword",
                "--portbase",
                String.valueOf(PORT_BASE),
                "--domaindir",
                domainDir.toString(),
                DOMAIN);
        bindToLoopback(domainDir.resolve(DOMAIN).resolve("config").resolve("domain.xml"));
        long t1 = time("create-domain", t0);

        asadmin(
                START_TIMEOUT,
                Map.of(),
                List.of(),
                "start-domain",
                "--domaindir",
                domainDir.toString(),
                DOMAIN);
        long t2 = time("start-domain", t1);

        // The operator's script, its example values replaced, run from the directory that holds
        // the EAR: system properties, the loopback-only settings, the deployment; then the restart
        // the script asks for.
        String script =
                Files.readString(installAsadmin, StandardCharsets.UTF_8)
                        .replace("=/var/lib/sigil", "=" + dataDir)
                        .replace(
                                "https\\://sigil.example.com",
                                "http\\://" + LOOPBACK + "\\:" + HTTP_PORT)
                        .replace("sigil.broker.port=61616", "sigil.broker.port=" + brokerPort);
        assertTrue(script.contains("=" + dataDir), "install.asadmin sets no data directory");
        assertTrue(script.contains("\\:" + HTTP_PORT), "install.asadmin sets no public URL");
        assertTrue(script.contains("port=" + brokerPort), "install.asadmin sets no broker port");
        Path edited = Files.writeString(itDir.resolve("payara-install.asadmin"), script);
        Files.copy(ear, itDir.resolve("sigil.ear"), StandardCopyOption.REPLACE_EXISTING);
        asadmin(
                INSTALL_TIMEOUT,
                Map.of(),
                List.of("--port", String.valueOf(ADMIN_PORT)),
                "multimode",
                "--file",
                edited.toString());
        asadmin(
                START_TIMEOUT,
                Map.of(),
                List.of(),
                "restart-domain",
                "--domaindir",
                domainDir.toString(),
                DOMAIN);
        long t3 = time("install.asadmin and restart-domain", t2);

        awaitReady();
        time("ready after the restart", t3);
        time("ready after create-domain began", t0);

        // Setup once, here, so that every test may use the admin key; the setup test checks it.
        Path tokenFile = dataDir.resolve("setup-token");
        assertTrue(Files.isRegularFile(tokenFile), "no setup token in " + dataDir);
        setupTokenPermissions =
                PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile));
        setupBody =
                Json.createObjectBuilder()
                        .add("setupToken", Files.readString(tokenFile).strip())
                        .build()
                        .toString();
        firstSetup = postJson("/api/v1/setup", setupBody);
    }

    @AfterAll
    static void stopDomain() throws Exception {
        try {
            if (FAILURES.any()) {
                printServerLogTail();
            }
        } finally {
            if (domainCreated) {
                stop();
            }
            System.out.println("[PayaraServerEarIT] times: " + String.join(", ", timings));
        }
    }

    @Test
    void readinessReportsDatabaseAndBrokerUp() throws Exception {
        HttpResponse<String> response = get("/health/ready", Map.of());

        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = json(response);
        assertEquals("UP", health.getString("status"));
        Map<String, String> checks =
                health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .collect(
                                Collectors.toMap(
                                        check -> check.getString("name"),
                                        check -> check.getString("status")));
        assertEquals("UP", checks.get("database"), health.toString());
        assertEquals("UP", checks.get("broker"), health.toString());
    }

    @Test
    void theServerListensOnLoopbackOnly() throws Exception {
        long pid =
                Long.parseLong(Files.readString(domainDir.resolve(DOMAIN + "/config/pid")).strip());
        List<String> listening = ListeningSockets.of(pid);

        assertTrue(listening.contains("127.0.0.1:" + HTTP_PORT), listening.toString());
        assertTrue(listening.contains("127.0.0.1:" + brokerPort), listening.toString());
        assertEquals(List.of(), ListeningSockets.beyondLoopback(listening), "all: " + listening);
    }

    @Test
    void setupTradesTheTokenFileForOneAdminKeyOnce() throws Exception {
        assertEquals("rw-------", setupTokenPermissions);
        HttpResponse<String> first = firstSetup;
        assertEquals(201, first.statusCode(), first.body());
        JsonObject created = json(first);
        assertEquals("admin", created.getString("role"));
        String key = created.getString("key");
        assertTrue(key.startsWith("sgl_"), key);
        assertNotNull(created.getString("id"));
        assertNotNull(created.getString("name"));
        assertNotNull(created.getString("prefix"));

        HttpResponse<String> second = postJson("/api/v1/setup", setupBody);
        assertEquals(409, second.statusCode(), second.body());
        assertEquals(
                "application/problem+json",
                second.headers().firstValue("Content-Type").orElse("").split(";")[0].strip());
        assertEquals(409, json(second).getInt("status"));

        HttpResponse<String> keys = get("/api/v1/api-keys", Map.of("X-API-Key", key));
        assertEquals(200, keys.statusCode(), keys.body());
        assertTrue(keys.body().contains(created.getString("id")), keys.body());
    }

    @Test
    void anAgentChangeInTheEjbModuleIsPublishedByTheBridgeModule() throws Exception {
        String admin = json(firstSetup).getString("key");
        HttpResponse<String> created =
                postJson(
                        "/api/v1/agents",
                        Map.of("X-API-Key", admin),
                        "{\"name\":\"ear-agent\",\"registration\":\"agent\"}");
        assertEquals(201, created.statusCode(), created.body());
        String agentId = json(created).getString("agentId");
        try (ActiveMQConnectionFactory broker =
                        new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
                JMSContext context = broker.createContext();
                JMSConsumer otherNode =
                        context.createConsumer(context.createTopic("sigil.agent-changes"))) {

            HttpResponse<String> disabled =
                    postJson(
                            "/api/v1/agents/" + agentId + "/disable",
                            Map.of("X-API-Key", admin),
                            "");
            assertEquals(200, disabled.statusCode(), disabled.body());

            Message told = otherNode.receive(10_000);
            assertNotNull(told, "the disable was not published to other nodes");
            assertEquals(agentId, told.getBody(String.class));
        }
    }

    // --- HTTP ---------------------------------------------------------------------------------

    private static HttpResponse<String> get(String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postJson(String path, String body)
            throws IOException, InterruptedException {
        return postJson(path, Map.of(), body);
    }

    private static HttpResponse<String> postJson(
            String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(BASE.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /** Polls readiness until it answers 200 or the deadline passes. */
    private static void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = get("/health/ready", Map.of());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within " + READY_TIMEOUT + ": " + last);
    }

    // --- asadmin and the domain ---------------------------------------------------------------

    private static Path cli() {
        return serverHome.resolve("glassfish/lib/client/appserver-cli.jar");
    }

    /**
     * Runs asadmin the way bin/asadmin does, without relying on the script's executable bit. The
     * server JVM that start-domain launches inherits this environment: inherited SIGIL_* variables
     * are removed so that only the ones given here reach the server.
     */
    private static void asadmin(
            Duration timeout,
            Map<String, String> env,
            List<String> programOptions,
            String subcommand,
            String... options)
            throws IOException, InterruptedException {
        String javaHome = System.getProperty("java.home");
        List<String> command = new ArrayList<>();
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.add("-jar");
        command.add(cli().toString());
        command.add("--interactive=false");
        command.addAll(programOptions);
        command.add(subcommand);
        command.addAll(List.of(options));
        Path logs = Files.createDirectories(itDir.resolve("payara-asadmin"));
        Path output = logs.resolve(subcommand + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(itDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SIGIL_"));
        builder.environment().put("AS_JAVA", javaHome);
        builder.environment().put("JAVA_HOME", javaHome);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (!exited || process.exitValue() != 0) {
            throw new AssertionError(
                    "asadmin "
                            + String.join(" ", command.subList(3, command.size()))
                            + (exited ? " exited with " + process.exitValue() : " timed out")
                            + ":\n"
                            + text);
        }
    }

    /**
     * Before the first start: every listener the domain would open on all interfaces, on loopback.
     */
    private static void bindToLoopback(Path domainXml) throws IOException {
        String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
        String bound =
                xml.replace("address=\"0.0.0.0\"", "address=\"" + LOOPBACK + "\"")
                        .replace(
                                "<network-listener port=",
                                "<network-listener address=\"" + LOOPBACK + "\" port=");
        Files.writeString(domainXml, bound, StandardCharsets.UTF_8);
    }

    private static void stop() {
        try {
            asadmin(
                    STOP_TIMEOUT,
                    Map.of(),
                    List.of(),
                    "stop-domain",
                    "--domaindir",
                    domainDir.toString(),
                    DOMAIN);
        } catch (AssertionError | IOException | InterruptedException e) {
            System.out.println(
                    "[PayaraServerEarIT] stop-domain failed, killing: " + e.getMessage());
            kill();
        }
    }

    private static void kill() {
        try {
            asadmin(
                    STOP_TIMEOUT,
                    Map.of(),
                    List.of(),
                    "stop-domain",
                    "--kill=true",
                    "--domaindir",
                    domainDir.toString(),
                    DOMAIN);
        } catch (AssertionError | IOException | InterruptedException e) {
            System.out.println("[PayaraServerEarIT] stop-domain --kill failed: " + e.getMessage());
        }
    }

    /** A domain left running by an aborted earlier run is killed; old files are removed. */
    private static void removeLeftovers() throws IOException {
        if (Files.isDirectory(domainDir.resolve(DOMAIN))) {
            kill();
        }
        deleteRecursively(domainDir);
        deleteRecursively(dataDir);
    }

    private static void printServerLogTail() {
        Path log = domainDir.resolve(DOMAIN).resolve("logs").resolve("server.log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail =
                    lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            System.out.println(
                    "[PayaraServerEarIT] last " + tail.size() + " lines of " + log + ":");
            tail.forEach(System.out::println);
        } catch (IOException | UncheckedIOException e) {
            System.out.println("[PayaraServerEarIT] no server log at " + log + ": " + e);
        }
    }

    // --- small things -------------------------------------------------------------------------

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, "system property " + name + " is not set (run through failsafe)");
        return value;
    }

    private static long time(String step, long startNanos) {
        long now = System.nanoTime();
        String entry = String.format("%s %.1f s", step, (now - startNanos) / 1e9);
        timings.add(entry);
        System.out.println("[PayaraServerEarIT] " + entry);
        return now;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void assertPortFree(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            fail("port " + port + " is in use: is another Payara domain running?");
        } catch (IOException expected) {
            // nothing listens: free
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Remembers whether anything failed, so that @AfterAll knows to print the server log. */
    static final class FailureWatch
            implements TestWatcher, LifecycleMethodExecutionExceptionHandler {

        private volatile boolean failed;

        boolean any() {
            return failed;
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }

        @Override
        public void handleBeforeAllMethodExecutionException(
                ExtensionContext context, Throwable throwable) throws Throwable {
            failed = true;
            throw throwable;
        }
    }
}
