package dev.sigil.it;

import static dev.sigil.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** API keys, roles, rate limits and the problem+json shape of every error family. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiKeysIT {

    static final Path DATA = SigilDeployment.newDataDirectory("apikeys");
    static String adminKey;

    @ArquillianResource URL url;

    Api api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SigilDeployment.war(DATA, Map.of());
    }

    @BeforeEach
    void admin() {
        api = new Api(url);
        adminKey = api.admin(DATA);
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createdKeyIsShownOnceAndListedWithoutSecret() {
        String name = unique("listed");
        HttpResponse<String> created =
                api.post(
                        "api/v1/api-keys",
                        adminKey,
                        "{\"name\":\"" + name + "\",\"role\":\"viewer\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject body = Api.json(created);
        String secret = body.getString("key");
        assertEquals(600, body.getInt("ratePerMinute"), "default allowance");
        assertTrue(
                created.headers().firstValue("Location").orElse("").endsWith(body.getString("id")));

        assertEquals(200, api.get("api/v1/audit", secret).statusCode());
        assertEquals(200, api.get("api/v1/audit", secret).statusCode());

        HttpResponse<String> list = api.get("api/v1/api-keys", adminKey);
        assertEquals(200, list.statusCode());
        assertFalse(list.body().contains(secret), "a listing never carries a secret");
        JsonObject listed =
                ((JsonArray) Api.parse(list.body()))
                        .getValuesAs(JsonObject.class).stream()
                                .filter(k -> k.getString("name").equals(name))
                                .findFirst()
                                .orElseThrow();
        assertFalse(listed.containsKey("key"));
        assertEquals(body.getString("prefix"), listed.getString("prefix"));
        assertEquals(2, listed.getInt("useCount"));
        assertTrue(listed.containsKey("lastUsedAt"));
    }

    @Test
    void viewerReadsButCannotWrite() {
        String viewer = api.createKey(adminKey, unique("viewer"), "viewer", null);
        assertEquals(200, api.get("api/v1/api-keys", viewer).statusCode());
        assertEquals(200, api.get("api/v1/audit/verify", viewer).statusCode());
        assertProblem(
                api.post("api/v1/api-keys", viewer, "{\"name\":\"x\",\"role\":\"viewer\"}"),
                403,
                "forbidden");
        String denied = api.get("api/v1/audit?action=auth:denied", adminKey).body();
        assertTrue(denied.contains("lacks admin"), denied);
    }

    @Test
    void revokedKeyIsRejectedAtOnce() {
        HttpResponse<String> created =
                api.post(
                        "api/v1/api-keys",
                        adminKey,
                        "{\"name\":\"" + unique("revoked") + "\",\"role\":\"admin\"}");
        JsonObject body = Api.json(created);
        String secret = body.getString("key");
        assertEquals(200, api.get("api/v1/api-keys", secret).statusCode());

        assertEquals(
                204, api.delete("api/v1/api-keys/" + body.getString("id"), adminKey).statusCode());

        HttpResponse<String> after = api.get("api/v1/api-keys", secret);
        assertProblem(after, 401, "not-authenticated");
        assertEquals(
                "ApiKey realm=\"sigil\"",
                after.headers().firstValue("WWW-Authenticate").orElse(""));
        JsonObject revoked = Api.json(api.get("api/v1/api-keys/" + body.getString("id"), adminKey));
        assertTrue(revoked.containsKey("revokedAt"));
    }

    @Test
    void eachKeyHasItsOwnRateLimit() {
        String limited = api.createKey(adminKey, unique("limited"), "viewer", 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.get("api/v1/audit/verify", limited).statusCode());
        }
        HttpResponse<String> fourth = api.get("api/v1/audit/verify", limited);
        assertProblem(fourth, 429, "rate-limited");
        long retryAfter = Long.parseLong(fourth.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(
                200, api.get("api/v1/audit/verify", adminKey).statusCode(), "others unaffected");
    }

    @Test
    void everyErrorIsProblemJson() {
        assertProblem(
                api.post("api/v1/api-keys", adminKey, "{\"name\": "), 400, "malformed-request");
        JsonObject invalid =
                assertProblem(
                        api.post("api/v1/api-keys", adminKey, "{\"name\":\"\",\"role\":\"root\"}"),
                        400,
                        "validation-failed");
        String fields = invalid.getJsonArray("violations").toString();
        assertTrue(fields.contains("\"name\"") && fields.contains("\"role\""), fields);
        assertProblem(
                api.post(
                        "api/v1/api-keys",
                        adminKey,
                        "{\"name\":\"n\",\"role\":\"viewer\",\"ratePerMinute\":0}"),
                400,
                "validation-failed");
        assertProblem(api.get("api/v1/audit?limit=abc", adminKey), 400, "validation-failed");
        assertProblem(api.get("api/v1/audit?limit=100000", adminKey), 400, "validation-failed");

        assertProblem(api.get("api/v1/api-keys", null), 401, "not-authenticated");
        assertProblem(api.get("api/v1/api-keys", "sgl_wrong"), 401, "not-authenticated");
        assertProblem(api.get("api/v1/api-keys/" + UUID.randomUUID(), adminKey), 404, "not-found");
        assertProblem(api.get("api/v1/no-such-thing", adminKey), 404, "not-found");
        assertProblem(api.get("no-such-page", null), 404, "not-found");

        HttpResponse<String> wrongMethod =
                api.send(
                        api.request("api/v1/setup", null).PUT(HttpRequest.BodyPublishers.noBody()));
        assertProblem(wrongMethod, 405, "method-not-allowed");
        assertTrue(wrongMethod.headers().firstValue("Allow").orElse("").contains("POST"));

        assertProblem(
                api.send(
                        api.request("api/v1/api-keys", adminKey)
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("hello"))),
                415,
                "unsupported-media-type");
        assertProblem(
                api.post("api/v1/setup", null, "{\"setupToken\":\"whatever\"}"),
                409,
                "setup-completed");
    }
}
