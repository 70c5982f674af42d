package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** Assertions on RFC 9457 problem documents. */
public final class Problems {

    private Problems() {}

    /** Asserts an RFC 9457 problem with this status and code, and no internals in it. */
    public static JsonObject assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(
                response.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("application/problem+json"),
                () -> "content type of " + response.body());
        JsonObject problem = Api.json(response);
        assertEquals("urn:sigil:problem:" + code, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        assertTrue(problem.getString("instance").startsWith("urn:uuid:"));
        String body = response.body();
        for (String leak : new String[] {"Exception", "\tat ", "org.eclipse", "jakarta."}) {
            assertFalse(body.contains(leak), () -> "internal detail in " + body);
        }
        return problem;
    }
}
