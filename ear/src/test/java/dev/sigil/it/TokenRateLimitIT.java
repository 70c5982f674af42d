package dev.sigil.it;

import static dev.sigil.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The token endpoint's default limit: 10 requests a minute per client address, failures too. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenRateLimitIT {

    static final Path DATA = SigilDeployment.newDataDirectory("token-limits");
    static final String ISSUER = "http://sigil.test";

    @ArquillianResource URL url;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SigilDeployment.war(DATA, Map.of("sigil.public-url", ISSUER));
    }

    static HttpResponse<String> token(Api api, String assertion) {
        String form =
                "grant_type=client_credentials&client_assertion_type="
                        + URLEncoder.encode(
                                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                                StandardCharsets.UTF_8)
                        + "&client_assertion="
                        + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
        return api.send(
                api.request("api/v1/agents/tokens", null)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    @Test
    void failuresCountAndTheEleventhRequestIsRefusedEvenWithAGoodAssertion() {
        Api api = new Api(url);
        String admin = api.setup(DATA);
        Ed25519Agent keys = new Ed25519Agent();
        String id =
                Api.json(
                                api.post(
                                        "api/v1/agents",
                                        admin,
                                        "{\"name\":\"limited\",\"registration\":\"public-key\","
                                                + "\"keyTtlDays\":1,\"publicKey\":\""
                                                + keys.publicPem().replace("\n", "\\n")
                                                + "\"}"))
                        .getString("agentId");
        String audience = ISSUER + "/api/v1/agents/tokens";

        assertEquals(200, token(api, keys.assertion(id, audience)).statusCode());
        for (int i = 0; i < 9; i++) {
            assertEquals(401, token(api, "not.a.jwt").statusCode(), "failure " + i);
        }
        HttpResponse<String> refused = token(api, keys.assertion(id, audience));
        assertProblem(refused, 429, "rate-limited");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    }
}
