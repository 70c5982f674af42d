package dev.sigil.bench;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What {@code bench/run.sh} needs before wrk sends the load: agents, client assertions signed in
 * advance (so that the load generator does no crypto while the server is measured), and an access
 * token for the authenticated requests.
 *
 * <ul>
 *   <li>{@code agents <url> <admin key> <count> <agents file>}: adds agents with supplied Ed25519
 *       keys and writes one line per agent: id, PKCS#8 private key, X.509 public key (base64).
 *   <li>{@code assertions <agents file> <audience> <count> <lifetime seconds> <bodies file>}:
 *       writes {@code count} token request bodies (form-encoded, one per line), each with a fresh
 *       {@code jti} and an {@code exp} the lifetime ahead (at most five minutes, as Sigil accepts),
 *       cycling through the agents.
 *   <li>{@code token <url> <agents file> <audience>}: prints one access token of the first agent.
 * </ul>
 */
public final class Prepare {

    /** The longest lifetime Sigil accepts. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Prepare() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "agents" ->
                    writeAgents(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]));
            case "assertions" ->
                    writeBodies(
                            readAgents(Path.of(args[1])),
                            args[2],
                            Integer.parseInt(args[3]),
                            Duration.ofSeconds(Long.parseLong(args[4])),
                            Path.of(args[5]));
            case "token" ->
                    System.out.println(
                            token(args[1], readAgents(Path.of(args[2])).get(0), args[3]));
            default -> throw new IllegalArgumentException("unknown step " + args[0]);
        }
    }

    record Agent(String id, KeyPair keys) {}

    static void writeAgents(String url, String adminKey, int count, Path file) throws Exception {
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            String publicKey = base64.encodeToString(keys.getPublic().getEncoded());
            String body =
                    "{\"name\":\"bench-"
                            + i
                            + "\",\"registration\":\"public-key\",\"keyTtlDays\":1,"
                            + "\"publicKey\":\"-----BEGIN PUBLIC KEY-----\\n"
                            + publicKey
                            + "\\n-----END PUBLIC KEY-----\"}";
            HttpResponse<String> created =
                    HTTP.send(
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
            String id = (String) JSONObjectUtils.parse(created.body()).get("agentId");
            lines.add(
                    id
                            + " "
                            + base64.encodeToString(keys.getPrivate().getEncoded())
                            + " "
                            + publicKey);
        }
        Files.write(file, lines);
    }

    static List<Agent> readAgents(Path file) throws Exception {
        KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
        Base64.Decoder base64 = Base64.getDecoder();
        List<Agent> agents = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.split(" ");
            agents.add(
                    new Agent(
                            fields[0],
                            new KeyPair(
                                    ed25519.generatePublic(
                                            new X509EncodedKeySpec(base64.decode(fields[2]))),
                                    ed25519.generatePrivate(
                                            new PKCS8EncodedKeySpec(base64.decode(fields[1]))))));
        }
        return agents;
    }

    /** Signs on every core: the bodies are written before the measured phase starts. */
    static void writeBodies(
            List<Agent> agents, String audience, int count, Duration lifetime, Path file)
            throws Exception {
        if (lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException(
                    "Sigil accepts assertions of at most " + MAX_LIFETIME);
        }
        long start = System.nanoTime();
        String[] bodies = new String[count];
        IntStream.range(0, count)
                .parallel()
                .forEach(i -> bodies[i] = body(agents.get(i % agents.size()), audience, lifetime));
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (String body : bodies) {
                out.write(body);
                out.newLine();
            }
        }
        System.err.printf(
                "signed %,d client assertions in %.1f s%n",
                count, (System.nanoTime() - start) / 1e9);
    }

    static String body(Agent agent, String audience, Duration lifetime) {
        try {
            return "grant_type=client_credentials&client_assertion_type="
                    + URLEncoder.encode(
                            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                            StandardCharsets.UTF_8)
                    + "&client_assertion="
                    + ClientAssertions.assertion(agent.id(), agent.keys(), audience, lifetime);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(String url, Agent agent, String audience) throws Exception {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/agents/tokens"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                body(agent, audience, Duration.ofMinutes(1))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "token: " + response.statusCode() + " " + response.body());
        }
        return (String) JSONObjectUtils.parse(response.body()).get("access_token");
    }
}
