package dev.sigil.agent.channel;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/** The Sigil server's agent API, over HTTP (H1.1). */
public final class SigilServer {

    private static final System.Logger LOG = System.getLogger(SigilServer.class.getName());

    static final String REGISTRATION = "/api/v1/agents/registration";
    static final String TOKENS = "/api/v1/agents/tokens";
    static final String ME = "/api/v1/agents/me";
    static final String KEY_ROTATION = "/api/v1/agents/me/key-rotation";
    static final String METADATA = "/.well-known/oauth-authorization-server";

    static final String CLIENT_ASSERTION_TYPE =
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String USER_AGENT = "sigil-agent/0.1.0";

    private final URI base;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;
    private volatile URI issuer;

    /**
     * @param base the server URL, e.g. {@code https://sigil.example.com}, without trailing slash
     */
    public SigilServer(URI base, Clock clock) {
        this(
                base,
                HttpClient.newBuilder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                REQUEST_TIMEOUT,
                clock);
    }

    SigilServer(URI base, HttpClient http, Duration requestTimeout, Clock clock) {
        this.base = base;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    public URI base() {
        return base;
    }

    /** Where token requests go. */
    public URI tokenEndpoint() {
        return endpoint(TOKENS);
    }

    /** Where key rotations go. */
    public URI keyRotationEndpoint() {
        return endpoint(KEY_ROTATION);
    }

    /**
     * The {@code aud} of client assertions: the token endpoint under the issuer that Sigil names in
     * its metadata (RFC 8414). It differs from {@link #tokenEndpoint()} when the agent reaches
     * Sigil by another address than Sigil's public URL (an internal name, a proxy).
     */
    public URI tokenAudience() {
        return URI.create(issuer() + TOKENS);
    }

    /** The {@code aud} of a new key's proof, under the issuer like {@link #tokenAudience()}. */
    public URI keyRotationAudience() {
        return URI.create(issuer() + KEY_ROTATION);
    }

    /** Sigil's issuer from its metadata, looked up once; the server URL if it names none. */
    URI issuer() {
        URI known = issuer;
        if (known == null) {
            known = discoverIssuer().orElse(base);
            issuer = known;
        }
        return known;
    }

    private Optional<URI> discoverIssuer() {
        HttpResponse<String> response =
                send("metadata lookup", request(endpoint(METADATA)).GET().build());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        try {
            Object named = JSONObjectUtils.parse(response.body()).get("issuer");
            if (named instanceof String value && !value.isBlank()) {
                return Optional.of(
                        URI.create(
                                value.endsWith("/")
                                        ? value.substring(0, value.length() - 1)
                                        : value));
            }
        } catch (ParseException | IllegalArgumentException e) {
            LOG.log(Level.DEBUG, "Unreadable metadata; using the server URL as issuer", e);
        }
        return Optional.empty();
    }

    /** Registers {@code publicKey} (OpenSSH form) for {@code agentId}. */
    public Registration register(String agentId, String registrationToken, String publicKey) {
        var body = new LinkedHashMap<String, Object>();
        body.put("agentId", agentId);
        body.put("registrationToken", registrationToken);
        body.put("publicKey", publicKey);
        body.put("keyType", "ed25519");
        Map<String, Object> answer =
                call("registration", jsonPost(endpoint(REGISTRATION), body).build());
        return new Registration(
                string(answer, "agentId").orElse(agentId),
                string(answer, "keyFingerprint"),
                string(answer, "keyExpiresAt"),
                string(answer, "registeredAt"));
    }

    /** Exchanges a client assertion (RFC 7523) for an access token. */
    public AccessToken token(String clientAssertion) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", CLIENT_ASSERTION_TYPE);
        form.put("client_assertion", clientAssertion);
        String encoded =
                form.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&"));
        HttpRequest request =
                request(tokenEndpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(encoded))
                        .build();
        Map<String, Object> answer = call("token request", request);
        String token =
                string(answer, "access_token")
                        .orElseThrow(() -> offContract("token request", "no access_token"));
        String type = string(answer, "token_type").orElse("");
        if (!type.equalsIgnoreCase("Bearer")) {
            throw offContract("token request", "token_type is not Bearer");
        }
        Duration expiresIn =
                answer.get("expires_in") instanceof Number n
                        ? Duration.ofSeconds(n.longValue())
                        : null;
        return new AccessToken(token, expiresIn);
    }

    /** The agent's own record. */
    public AgentRecord me(AccessToken token) {
        HttpRequest request =
                request(endpoint(ME)).header("Authorization", token.authorization()).GET().build();
        return new AgentRecord(call("agent lookup", request));
    }

    /**
     * Replaces the agent's key by {@code publicKey}, authenticated with a token minted with the
     * current key and proven by {@code proof}, a JWT signed with the new key.
     *
     * @param overlap how long the previous key should stay valid; sent as {@code overlap} (an ISO
     *     8601 duration) only when present
     */
    public KeyRotation rotateKey(
            AccessToken token, String publicKey, String proof, Optional<Duration> overlap) {
        var body = new LinkedHashMap<String, Object>();
        body.put("publicKey", publicKey);
        body.put("keyType", "ed25519");
        body.put("proof", proof);
        overlap.ifPresent(o -> body.put("overlap", o.toString()));
        HttpRequest request =
                jsonPost(keyRotationEndpoint(), body)
                        .header("Authorization", token.authorization())
                        .build();
        Map<String, Object> answer = call("key rotation", request);
        return new KeyRotation(
                string(answer, "agentId").orElse(""),
                string(answer, "keyFingerprint"),
                string(answer, "keyExpiresAt"),
                string(answer, "previousKeyRetiresAt"));
    }

    private URI endpoint(String path) {
        return URI.create(base + path);
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", USER_AGENT);
    }

    private HttpRequest.Builder jsonPost(URI uri, Map<String, Object> body) {
        return request(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body)));
    }

    private Map<String, Object> call(String operation, HttpRequest request) {
        HttpResponse<String> response = send(operation, request);
        int status = response.statusCode();
        LOG.log(Level.DEBUG, "{0} {1} -> {2}", request.method(), request.uri(), status);
        if (status >= 200 && status < 300) {
            try {
                return JSONObjectUtils.parse(response.body());
            } catch (ParseException e) {
                throw offContract(operation, "the answer is not a JSON object");
            }
        }
        throw failure(operation, response);
    }

    private HttpResponse<String> send(String operation, HttpRequest request) {
        URI uri = request.uri();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("cannot connect to " + uri + ": connection timed out", e);
        } catch (HttpTimeoutException e) {
            throw unreachable(
                    "no answer from "
                            + uri
                            + " within "
                            + requestTimeout.toSeconds()
                            + " s; the "
                            + operation
                            + " may or may not have happened",
                    e);
        } catch (ConnectException e) {
            throw unreachable("cannot connect to " + uri + ": " + connectReason(e, uri), e);
        } catch (SSLException e) {
            throw unreachable("TLS with " + uri.getHost() + " failed: " + reason(e), e);
        } catch (IOException e) {
            throw unreachable("no answer from " + uri + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted while waiting for " + uri, e);
        }
    }

    private ChannelException failure(String operation, HttpResponse<String> response) {
        int status = response.statusCode();
        String explanation =
                ErrorResponses.explain(
                                response.headers().firstValue("Content-Type").orElse(null),
                                response.body())
                        .or(() -> wwwAuthenticate(response))
                        .map(e -> ": " + e)
                        // Without an explanation, at least say who answered.
                        .orElse(" from " + response.request().uri());
        if (status == 429) {
            Optional<Duration> retryAfter = retryAfter(response);
            String wait = retryAfter.map(d -> "; retry after " + d.toSeconds() + " s").orElse("");
            return new ChannelException(
                    ChannelException.Kind.RATE_LIMITED,
                    status,
                    retryAfter.orElse(null),
                    operation + " rate-limited by the server (HTTP 429)" + wait + explanation,
                    null);
        }
        if (status >= 400 && status < 500) {
            return new ChannelException(
                    ChannelException.Kind.REJECTED,
                    status,
                    operation + " rejected (HTTP " + status + ")" + explanation);
        }
        if (status >= 300 && status < 400) {
            String location =
                    response.headers()
                            .firstValue("Location")
                            .map(l -> " to " + ErrorResponses.oneLine(l))
                            .orElse("");
            return new ChannelException(
                    ChannelException.Kind.MISDIRECTED,
                    status,
                    operation
                            + " redirected (HTTP "
                            + status
                            + ")"
                            + location
                            + "; check the server URL "
                            + base);
        }
        return new ChannelException(
                ChannelException.Kind.FAILED,
                status,
                operation + " failed on the server (HTTP " + status + ")" + explanation);
    }

    private static Optional<String> wwwAuthenticate(HttpResponse<String> response) {
        return response.headers()
                .firstValue("WWW-Authenticate")
                .map(ErrorResponses::oneLine)
                .filter(s -> !s.isEmpty());
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
    private Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Retry-After")
                .map(String::strip)
                .flatMap(
                        value -> {
                            try {
                                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
                            } catch (NumberFormatException notSeconds) {
                                try {
                                    var at =
                                            ZonedDateTime.parse(
                                                    value, DateTimeFormatter.RFC_1123_DATE_TIME);
                                    Duration wait =
                                            Duration.between(clock.instant(), at.toInstant());
                                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                                } catch (DateTimeParseException notDate) {
                                    return Optional.empty();
                                }
                            }
                        })
                .filter(d -> !d.isNegative());
    }

    private static ChannelException offContract(String operation, String what) {
        return new ChannelException(
                ChannelException.Kind.FAILED,
                200,
                "unexpected answer to " + operation + ": " + what);
    }

    private static ChannelException unreachable(String message, Exception cause) {
        return new ChannelException(ChannelException.Kind.UNREACHABLE, 0, null, message, cause);
    }

    private static String connectReason(ConnectException e, URI uri) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host " + uri.getHost();
            }
        }
        String reason = reason(e);
        return reason.equals("ConnectException") ? "connection refused" : reason;
    }

    /** The first message along the cause chain, or the exception's type. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return ErrorResponses.oneLine(t.getMessage());
            }
        }
        return e.getClass().getSimpleName();
    }

    private static Optional<String> string(Map<String, Object> object, String key) {
        return object.get(key) instanceof String s && !s.isBlank()
                ? Optional.of(s)
                : Optional.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
