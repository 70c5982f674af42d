package dev.sigil.bench;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load against a running Sigil on loopback: token requests per second and per server
 * CPU-second (read from /proc for the server's pid), then an authenticated GET /api/v1/agents/me
 * against the anonymous GET /api/v1/info. Every loop stops by itself after its duration.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.sigil.bench.LoadDriver <url> <admin key> <server
 * pid> <seconds per phase> <threads> <issuer> [all|tokens|requests|paths:/a,/b]}
 */
public final class LoadDriver {

    private static final long TICKS_PER_SECOND = 100;

    /**
     * HTTP/1.1 by default, as most clients and reverse proxies speak to a backend; {@code
     * -Dbench.http=2} lets the JDK client upgrade to cleartext HTTP/2 (h2c), which Payara accepts.
     */
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(
                            "2".equals(System.getProperty("bench.http"))
                                    ? HttpClient.Version.HTTP_2
                                    : HttpClient.Version.HTTP_1_1)
                    .build();

    private final String url;
    private final String adminKey;
    private final long pid;

    LoadDriver(String url, String adminKey, long pid) {
        this.url = url;
        this.adminKey = adminKey;
        this.pid = pid;
    }

    public static void main(String[] args) throws Exception {
        LoadDriver driver = new LoadDriver(args[0], args[1], Long.parseLong(args[2]));
        Duration phase = Duration.ofSeconds(Long.parseLong(args[3]));
        int threads = Integer.parseInt(args[4]);
        String issuer = args[5];
        String phases = args.length > 6 ? args[6] : "all";
        if (phases.startsWith("paths:")) {
            // Anonymous GETs of the given paths, e.g. a servlet against a JAX-RS resource.
            for (String path : phases.substring("paths:".length()).split(",")) {
                HttpRequest get = HttpRequest.newBuilder(URI.create(driver.url + path)).build();
                driver.run("warm-up GET " + path, phase, threads, n -> driver.ok(get));
                driver.run("anonymous GET " + path, phase, threads, n -> driver.ok(get));
            }
            return;
        }
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            agents.add(driver.agent("bench-" + i));
        }
        String audience = issuer + "/api/v1/agents/tokens";
        if (!phases.equals("requests")) {
            driver.run(
                    "warm-up tokens",
                    phase,
                    threads,
                    n -> driver.token(agents.get((int) (n % agents.size())), audience) != null);
            driver.run(
                    "tokens",
                    phase,
                    threads,
                    n -> driver.token(agents.get((int) (n % agents.size())), audience) != null);
        }
        if (phases.equals("tokens")) {
            return;
        }
        String bearer = "Bearer " + driver.token(agents.get(0), audience);
        HttpRequest me =
                HttpRequest.newBuilder(URI.create(driver.url + "/api/v1/agents/me"))
                        .header("Authorization", bearer)
                        .build();
        HttpRequest info = HttpRequest.newBuilder(URI.create(driver.url + "/api/v1/info")).build();
        driver.run("warm-up anonymous", phase, threads, n -> driver.ok(info));
        driver.run("warm-up authenticated", phase, threads, n -> driver.ok(me));
        driver.run("anonymous GET /api/v1/info", phase, threads, n -> driver.ok(info));
        driver.run("authenticated GET /api/v1/agents/me", phase, threads, n -> driver.ok(me));
    }

    record Agent(String id, KeyPair keys) {}

    interface Call {
        boolean call(long n) throws Exception;
    }

    Agent agent(String name) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pem =
                "-----BEGIN PUBLIC KEY-----\\n"
                        + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())
                        + "\\n-----END PUBLIC KEY-----";
        String body =
                "{\"name\":\""
                        + name
                        + "\",\"registration\":\"public-key\",\"keyTtlDays\":1,"
                        + "\"publicKey\":\""
                        + pem
                        + "\"}";
        HttpResponse<String> created =
                http.send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/agents"))
                                .header("X-API-Key", adminKey)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException(
                    "create agent: " + created.statusCode() + " " + created.body());
        }
        return new Agent((String) JSONObjectUtils.parse(created.body()).get("agentId"), keys);
    }

    String token(Agent agent, String audience) throws Exception {
        String assertion = ClientAssertions.assertion(agent.id(), agent.keys(), audience);
        String form =
                "grant_type=client_credentials&client_assertion_type="
                        + URLEncoder.encode(
                                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                                StandardCharsets.UTF_8)
                        + "&client_assertion="
                        + assertion;
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/agents/tokens"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return null;
        }
        return (String) JSONObjectUtils.parse(response.body()).get("access_token");
    }

    boolean ok(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    void run(String name, Duration duration, int threads, Call call) throws Exception {
        long cpuBefore = serverCpuTicks();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        Instant start = Instant.now();
        Instant end = start.plus(duration);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(
                    pool.submit(
                            () -> {
                                long[] samples = new long[2_000_000];
                                int count = 0;
                                long n = 0;
                                while (Instant.now().isBefore(end) && count < samples.length) {
                                    long t0 = System.nanoTime();
                                    boolean good = call.call(n++);
                                    samples[count++] = System.nanoTime() - t0;
                                    (good ? ok : failed).incrementAndGet();
                                }
                                return Arrays.copyOf(samples, count);
                            }));
        }
        for (Future<long[]> worker : workers) {
            latencies.add(worker.get());
        }
        pool.shutdown();
        double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
        double cpu = (serverCpuTicks() - cpuBefore) / (double) TICKS_PER_SECOND;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(
                "%-40s %8.0f ok/s  %8.0f per server CPU-s  p50 %6.2f ms  p99 %6.2f ms  ok %d failed %d  (%.1f s, server CPU %.1f s, %d threads)%n",
                name,
                ok.get() / seconds,
                cpu > 0 ? ok.get() / cpu : Double.NaN,
                percentile(all, 0.50) / 1e6,
                percentile(all, 0.99) / 1e6,
                ok.get(),
                failed.get(),
                seconds,
                cpu,
                threads);
    }

    static long percentile(long[] sorted, double p) {
        return sorted.length == 0
                ? 0
                : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    long serverCpuTicks() throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
