package dev.sigil.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A black-box client of the deployed server: the JDK HTTP client and JSON-P, nothing of Sigil. */
public final class Api {

    public static final String API_KEY = "X-API-Key";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    /** The deployment's URL as Arquillian reports it, but on loopback, where the server listens. */
    public Api(URL deployment) {
        String path = deployment.getPath();
        this.base =
                URI.create(
                        "http://127.0.0.1:"
                                + deployment.getPort()
                                + (path.endsWith("/") ? path : path + "/"));
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public HttpResponse<String> get(String path, String apiKey) {
        return send(request(path, apiKey).GET());
    }

    public HttpResponse<String> delete(String path, String apiKey) {
        return send(request(path, apiKey).DELETE());
    }

    public HttpResponse<String> post(String path, String apiKey, String json) {
        return send(
                request(path, apiKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String apiKey) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        if (apiKey != null) {
            builder.header(API_KEY, apiKey);
        }
        return builder;
    }

    public static JsonObject json(HttpResponse<String> response) {
        return (JsonObject) parse(response.body());
    }

    public static JsonStructure parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        }
    }

    private static final Map<Path, String> ADMINS = new ConcurrentHashMap<>();

    /**
     * The first admin key of the deployment with this data directory: setup runs once, whichever
     * test method asks first.
     */
    public String admin(Path dataDirectory) {
        return ADMINS.computeIfAbsent(dataDirectory, this::setup);
    }

    /** Completes setup with the token the server wrote and returns the first admin key. */
    public String setup(Path dataDirectory) {
        try {
            String token = Files.readString(dataDirectory.resolve("setup-token")).strip();
            HttpResponse<String> response =
                    post("api/v1/setup", null, "{\"setupToken\":\"" + token + "\"}");
            if (response.statusCode() != 201) {
                throw new IllegalStateException(
                        "setup answered " + response.statusCode() + ": " + response.body());
            }
            return json(response).getString("key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a key with the given role (and rate, if not null) and returns its secret. */
    public String createKey(String adminKey, String name, String role, Integer ratePerMinute) {
        String body =
                "{\"name\":\""
                        + name
                        + "\",\"role\":\""
                        + role
                        + "\""
                        + (ratePerMinute == null ? "" : ",\"ratePerMinute\":" + ratePerMinute)
                        + "}";
        HttpResponse<String> response = post("api/v1/api-keys", adminKey, body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "create key answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).getString("key");
    }
}
