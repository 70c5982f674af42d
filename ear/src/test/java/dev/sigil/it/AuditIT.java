package dev.sigil.it;

import static dev.sigil.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The audit boundary: the chain under concurrent appends, queries and verification. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditIT {

    static final Path DATA = SigilDeployment.newDataDirectory("audit");
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

    @Test
    void concurrentAppendsNeverForkTheChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<String>> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            keys.add(pool.submit(() -> api.createKey(adminKey, "burst-" + n, "viewer", null)));
            keys.add(pool.submit(() -> api.get("api/v1/audit", "sgl_unknown-" + n).body()));
        }
        for (Future<String> key : keys) {
            key.get();
        }
        pool.shutdown();

        JsonObject verification = Api.json(api.get("api/v1/audit/verify", adminKey));
        assertTrue(verification.getBoolean("valid"), verification.toString());
        JsonObject all = Api.json(api.get("api/v1/audit?limit=500", adminKey));
        assertEquals(all.getInt("total"), verification.getInt("checked"));
        JsonArray events = all.getJsonArray("events");
        for (int i = 1; i < events.size(); i++) {
            JsonObject newer = events.getJsonObject(i - 1);
            JsonObject older = events.getJsonObject(i);
            assertEquals(older.getInt("seq") + 1, newer.getInt("seq"), "no gaps, newest first");
            assertEquals(older.getString("hash"), newer.getString("prevHash"), "linked");
        }
    }

    @Test
    void queriesFilterAndPageNewestFirst() {
        for (int i = 0; i < 3; i++) {
            api.createKey(adminKey, "paged-" + i, "viewer", null);
        }
        JsonObject page = Api.json(api.get("api/v1/audit?action=apikey:create&limit=2", adminKey));
        assertEquals(2, page.getInt("limit"));
        JsonArray events = page.getJsonArray("events");
        assertEquals(2, events.size());
        assertTrue(page.getInt("total") >= 4, "setup key plus three");
        int newest = events.getJsonObject(0).getInt("seq");
        assertTrue(newest > events.getJsonObject(1).getInt("seq"));
        for (JsonObject event : events.getValuesAs(JsonObject.class)) {
            assertEquals("apikey:create", event.getString("action"));
            assertEquals("apikey", event.getString("actorType"));
            assertEquals("allowed", event.getString("result"));
            assertFalse(
                    event.getString("detail").contains("sgl_")
                            && event.getString("detail").length() > 60);
        }
        JsonObject older =
                Api.json(
                        api.get(
                                "api/v1/audit?action=apikey:create&limit=2&before=" + newest,
                                adminKey));
        assertTrue(older.getJsonArray("events").getJsonObject(0).getInt("seq") < newest);

        JsonObject none = Api.json(api.get("api/v1/audit?agentId=no-such-agent", adminKey));
        assertEquals(0, none.getInt("total"));
        assertEquals(0, none.getJsonArray("events").size());
        assertProblem(api.get("api/v1/audit?before=-1", adminKey), 400, "validation-failed");
    }

    @Test
    void deniedAuthenticationIsAuditedWithoutTheKey() {
        String presented = "sgl_this-is-not-a-key-" + System.nanoTime();
        assertEquals(401, api.get("api/v1/audit", presented).statusCode());
        JsonObject page = Api.json(api.get("api/v1/audit?action=auth:denied&limit=5", adminKey));
        JsonObject latest = page.getJsonArray("events").getJsonObject(0);
        assertEquals("denied", latest.getString("result"));
        assertEquals("unknown key from 127.0.0.1", latest.getString("detail"));
        assertFalse(page.toString().contains(presented));
    }
}
