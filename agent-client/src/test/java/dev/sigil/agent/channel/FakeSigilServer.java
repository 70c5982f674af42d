package dev.sigil.agent.channel;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;

/**
 * A stand-in for the Sigil server's agent API, on 127.0.0.1 only, that checks requests the way the
 * contract says: registration with a one-time token, RFC 7523 client assertions verified against
 * the registered key, bearer tokens, and key rotation proven by the new key.
 */
public final class FakeSigilServer implements AutoCloseable {

    public static final String AGENT_ID = "agent-7f3a";
    public static final String REGISTRATION_TOKEN = "sgr_registration-secret-4711";
    public static final String KEY_EXPIRES_AT = "2027-11-30T00:00:00Z";
    public static final String PREVIOUS_KEY_RETIRES_AT = "2026-12-01T00:00:00Z";
    public static final int RETRY_AFTER_SECONDS = 7;

    /** A canned answer that replaces the contract's behaviour for one path. */
    public record Canned(
            int status, String contentType, String body, Map<String, String> headers) {}

    private final HttpServer http;
    private final Map<String, Canned> canned = new ConcurrentHashMap<>();
    private final Map<String, Ed25519PublicKeyParameters> issuedTokens = new ConcurrentHashMap<>();
    private final Set<String> seenJtis = ConcurrentHashMap.newKeySet();

    /** The assertions and rotation requests received, for tests to inspect. */
    public final List<String> assertions = new CopyOnWriteArrayList<>();

    public final List<Map<String, Object>> rotationRequests = new CopyOnWriteArrayList<>();

    private volatile Ed25519PublicKeyParameters currentKey;
    private volatile Ed25519PublicKeyParameters previousKey;
    private volatile boolean registrationTokenUsed;

    /** Answer token requests with 401 invalid_client. */
    public volatile boolean refuseTokens;

    /** Answer token requests with 429 and Retry-After. */
    public volatile boolean rateLimitTokens;

    /** What the agent record says of the current key's expiry; {@code null} for none. */
    public volatile String keyExpiresAt = KEY_EXPIRES_AT;

    /**
     * The lifetime of a key from a rotation, from {@link #clock}'s now; {@code null}: a rotated key
     * expires at {@link #KEY_EXPIRES_AT}.
     */
    public volatile Duration rotatedKeyLifetime;

    /** When a rotation says the previous key retires. */
    public volatile String previousKeyRetiresAt = PREVIOUS_KEY_RETIRES_AT;

    /** The server's clock, for the expiry of rotated keys. */
    public volatile Clock clock = Clock.systemUTC();

    private FakeSigilServer(HttpServer http) {
        this.http = http;
    }

    public static FakeSigilServer start() throws IOException {
        var http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var fake = new FakeSigilServer(http);
        http.createContext("/", fake::handle);
        http.start();
        return fake;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** Registers {@code openSshPublicKey} as if {@code register} had run. */
    public void preRegister(String openSshPublicKey) {
        currentKey = parseOpenSsh(openSshPublicKey);
        registrationTokenUsed = true;
    }

    /** Makes {@code openSshPublicKey} current as a rotation would, the current key previous. */
    public void rotatedTo(String openSshPublicKey) {
        previousKey = currentKey;
        currentKey = parseOpenSsh(openSshPublicKey);
    }

    /** Replaces the contract's answer on {@code path} by {@code answer}. */
    public void answer(String path, Canned answer) {
        canned.put(path, answer);
    }

    /** Answers {@code path} by the contract again. */
    public void stopAnswering(String path) {
        canned.remove(path);
    }

    /** The access tokens issued so far. */
    public Set<String> issuedTokens() {
        return Set.copyOf(issuedTokens.keySet());
    }

    public boolean registrationTokenUsed() {
        return registrationTokenUsed;
    }

    public byte[] currentKey() {
        return currentKey == null ? null : currentKey.getEncoded();
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body =
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Canned answer = canned.get(path);
            if (answer == null) {
                answer = contract(exchange, path, body);
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private Canned contract(HttpExchange exchange, String path, String body) {
        String method = exchange.getRequestMethod();
        return switch (method + " " + path) {
            case "POST " + SigilServer.REGISTRATION -> register(body);
            case "POST " + SigilServer.TOKENS -> token(exchange, body);
            case "GET " + SigilServer.ME -> me(exchange);
            case "POST " + SigilServer.KEY_ROTATION -> rotate(exchange, body);
            default -> problem(404, "not-found", "Not found", "No such resource: " + path);
        };
    }

    private Canned register(String body) {
        Map<String, Object> request = json(body);
        if (!AGENT_ID.equals(request.get("agentId"))) {
            return problem(404, "agent-not-found", "Agent not found", "No agent with that id.");
        }
        if (registrationTokenUsed || !REGISTRATION_TOKEN.equals(request.get("registrationToken"))) {
            return problem(
                    401,
                    "registration-token-invalid",
                    "Registration token rejected",
                    "The registration token is unknown, expired or already used.");
        }
        if (!"ed25519".equals(request.get("keyType"))) {
            return problem(400, "key-invalid", "Invalid public key", "keyType must be ed25519.");
        }
        Ed25519PublicKeyParameters key;
        try {
            key = parseOpenSsh((String) request.get("publicKey"));
        } catch (RuntimeException e) {
            return problem(400, "key-invalid", "Invalid public key", "Not an OpenSSH Ed25519 key.");
        }
        registrationTokenUsed = true;
        currentKey = key;
        var answer = new LinkedHashMap<String, Object>();
        answer.put("agentId", AGENT_ID);
        answer.put("keyFingerprint", fingerprint(key));
        answer.put("keyExpiresAt", KEY_EXPIRES_AT);
        answer.put("registeredAt", Instant.now().toString());
        return ok(answer);
    }

    private Canned token(HttpExchange exchange, String body) {
        if (rateLimitTokens) {
            return new Canned(
                    429,
                    "application/json",
                    "{\"error\":\"slow_down\",\"error_description\":\"Too many token requests\"}",
                    Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            return oauthError(400, "invalid_request", "Form encoding expected.");
        }
        Map<String, String> form = form(body);
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "client_credentials only.");
        }
        if (!SigilServer.CLIENT_ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
            return oauthError(400, "invalid_request", "client_assertion_type must be jwt-bearer.");
        }
        String assertion = form.get("client_assertion");
        assertions.add(assertion);
        if (refuseTokens) {
            return oauthError(401, "invalid_client", "Client authentication failed.");
        }
        Ed25519PublicKeyParameters signer;
        try {
            signer = verify(assertion, url() + SigilServer.TOKENS, currentKey, previousKey);
        } catch (IllegalArgumentException e) {
            return oauthError(401, "invalid_client", e.getMessage());
        }
        String token = "at-" + UUID.randomUUID();
        issuedTokens.put(token, signer);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 300);
        return ok(answer);
    }

    private Canned me(HttpExchange exchange) {
        if (bearer(exchange) == null) {
            return unauthorized();
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("createdAt", "2026-11-01T10:00:00Z");
        answer.put("agentId", AGENT_ID);
        answer.put("name", "Billing database agent");
        answer.put("status", "ACTIVE");
        answer.put("keyFingerprint", fingerprint(currentKey));
        answer.put("keyExpiresAt", keyExpiresAt);
        answer.put("labels", Map.of("site", "fra1"));
        return ok(answer);
    }

    private Canned rotate(HttpExchange exchange, String body) {
        Ed25519PublicKeyParameters tokenKey = bearer(exchange);
        if (tokenKey == null) {
            return unauthorized();
        }
        if (!java.util.Arrays.equals(tokenKey.getEncoded(), currentKey.getEncoded())) {
            return problem(
                    403, "forbidden", "Forbidden", "Rotate with a token of the current key.");
        }
        Map<String, Object> request = json(body);
        rotationRequests.add(request);
        Ed25519PublicKeyParameters next;
        try {
            next = parseOpenSsh((String) request.get("publicKey"));
            verify((String) request.get("proof"), url() + SigilServer.KEY_ROTATION, next, null);
        } catch (RuntimeException e) {
            return problem(400, "key-proof-invalid", "Invalid key proof", e.getMessage());
        }
        previousKey = currentKey;
        currentKey = next;
        Duration lifetime = rotatedKeyLifetime;
        keyExpiresAt =
                lifetime == null ? KEY_EXPIRES_AT : clock.instant().plus(lifetime).toString();
        var answer = new LinkedHashMap<String, Object>();
        answer.put("agentId", AGENT_ID);
        answer.put("keyFingerprint", fingerprint(next));
        answer.put("keyExpiresAt", keyExpiresAt);
        answer.put("previousKeyRetiresAt", previousKeyRetiresAt);
        return ok(answer);
    }

    /** Verifies a JWT as the contract says; returns the key that signed it. */
    private Ed25519PublicKeyParameters verify(
            String jwt, String audience, Ed25519PublicKeyParameters... keys) {
        SignedJWT parsed;
        Map<String, Object> claims;
        try {
            parsed = SignedJWT.parse(jwt);
            claims = parsed.getJWTClaimsSet().toJSONObject();
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("The assertion is not a JWT.");
        }
        if (!JWSAlgorithm.EdDSA.equals(parsed.getHeader().getAlgorithm())
                || !JOSEObjectType.JWT.equals(parsed.getHeader().getType())) {
            throw new IllegalArgumentException("The assertion must be an EdDSA JWT.");
        }
        Ed25519PublicKeyParameters signer = null;
        for (Ed25519PublicKeyParameters key : keys) {
            if (key != null && signatureValid(parsed, key)) {
                signer = key;
            }
        }
        if (signer == null) {
            throw new IllegalArgumentException("The assertion's signature does not verify.");
        }
        if (!AGENT_ID.equals(claims.get("iss")) || !AGENT_ID.equals(claims.get("sub"))) {
            throw new IllegalArgumentException("iss and sub must be the agent id.");
        }
        if (!audience.equals(claims.get("aud"))) {
            throw new IllegalArgumentException("aud must be " + audience);
        }
        Date issued = new Date(((Number) claims.get("iat")).longValue() * 1000);
        Date expires = new Date(((Number) claims.get("exp")).longValue() * 1000);
        if (expires.before(new Date()) || expires.getTime() - issued.getTime() > 300_000) {
            throw new IllegalArgumentException("The assertion is expired or lives too long.");
        }
        if (!(claims.get("jti") instanceof String jti) || !seenJtis.add(jti)) {
            throw new IllegalArgumentException("The assertion has been used before.");
        }
        return signer;
    }

    private static boolean signatureValid(SignedJWT jwt, Ed25519PublicKeyParameters key) {
        var verifier = new Ed25519Signer();
        verifier.init(false, key);
        byte[] input = jwt.getSigningInput();
        verifier.update(input, 0, input.length);
        return verifier.verifySignature(jwt.getSignature().decode());
    }

    private Ed25519PublicKeyParameters bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        return issuedTokens.get(authorization.substring("Bearer ".length()));
    }

    private static Ed25519PublicKeyParameters parseOpenSsh(String line) {
        String[] parts = line.split(" ");
        if (parts.length < 2 || !parts[0].equals("ssh-ed25519")) {
            throw new IllegalArgumentException("not ssh-ed25519");
        }
        AsymmetricKeyParameter key =
                OpenSSHPublicKeyUtil.parsePublicKey(Base64.getDecoder().decode(parts[1]));
        return (Ed25519PublicKeyParameters) key;
    }

    /** Computed here from the wire form, not with the agent's code. */
    static String fingerprint(Ed25519PublicKeyParameters key) {
        try {
            byte[] blob = OpenSSHPublicKeyUtil.encodePublicKey(key);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> json(String body) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (java.text.ParseException e) {
            return Map.of();
        }
    }

    private static Map<String, String> form(String body) {
        var form = new HashMap<String, String>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private static Canned ok(Map<String, Object> body) {
        return new Canned(200, "application/json", JSONObjectUtils.toJSONString(body), Map.of());
    }

    public static Canned problem(int status, String code, String title, String detail) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "urn:sigil:problem:" + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return new Canned(
                status, "application/problem+json", JSONObjectUtils.toJSONString(body), Map.of());
    }

    private static Canned oauthError(int status, String error, String description) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", error);
        body.put("error_description", description);
        return new Canned(status, "application/json", JSONObjectUtils.toJSONString(body), Map.of());
    }

    private static Canned unauthorized() {
        return new Canned(
                401,
                "application/json",
                "",
                Map.of(
                        "WWW-Authenticate",
                        "Bearer error=\"invalid_token\", error_description=\"unknown token\""));
    }
}
