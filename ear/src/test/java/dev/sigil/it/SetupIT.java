package dev.sigil.it;

import static dev.sigil.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.ear.ListeningSockets;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The setup boundary on a real Payara Micro with an empty H2 database. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SetupIT {

    static final Path DATA = SigilDeployment.newDataDirectory("setup");

    @ArquillianResource URL url;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SigilDeployment.war(DATA, Map.of());
    }

    /**
     * The quick start's promise: Payara Micro runs without Hazelcast, which otherwise listens on
     * every interface (port 6900) even with {@code --nocluster}. The server is this JVM's child.
     */
    @Test
    void theServerListensOnLoopbackOnly() throws Exception {
        List<ProcessHandle> micro =
                ProcessHandle.current()
                        .descendants()
                        .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                        .toList();
        assertEquals(1, micro.size(), "one Payara Micro under this JVM: " + micro);
        List<String> listening = ListeningSockets.of(micro.get(0).pid());

        assertTrue(listening.contains("127.0.0.1:" + url.getPort()), listening.toString());
        assertEquals(List.of(), ListeningSockets.beyondLoopback(listening), "all: " + listening);
    }

    @Test
    void setupTokenIsSpentExactlyOnceUnderConcurrency() throws Exception {
        Api api = new Api(url);
        Path tokenFile = DATA.resolve("setup-token");
        assertTrue(Files.exists(tokenFile), "first start writes the setup token");
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String token = Files.readString(tokenFile).strip();

        assertProblem(
                api.post("api/v1/setup", null, "{\"setupToken\":\"not-the-token\"}"),
                401,
                "invalid-setup-token");

        int callers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(
                    pool.submit(
                            () -> {
                                start.await();
                                return api.post(
                                        "api/v1/setup", null, "{\"setupToken\":\"" + token + "\"}");
                            }));
        }
        start.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> call : calls) {
            responses.add(call.get());
        }
        pool.shutdown();

        List<HttpResponse<String>> created =
                responses.stream().filter(r -> r.statusCode() == 201).toList();
        assertEquals(1, created.size(), "exactly one caller wins the token");
        for (HttpResponse<String> response : responses) {
            if (response.statusCode() != 201) {
                assertProblem(response, 409, "setup-completed");
            }
        }
        JsonObject first = Api.json(created.get(0));
        assertEquals("admin", first.getString("role"));
        String key = first.getString("key");
        assertTrue(key.startsWith("sgl_"));
        assertTrue(key.startsWith(first.getString("prefix")));
        assertFalse(Files.exists(tokenFile), "the spent token file is removed");

        assertProblem(
                api.post("api/v1/setup", null, "{\"setupToken\":\"" + token + "\"}"),
                409,
                "setup-completed");
        assertEquals(200, api.get("api/v1/api-keys", key).statusCode());

        String audit = api.get("api/v1/audit?action=setup:complete", key).body();
        assertTrue(audit.contains("\"result\":\"allowed\""), audit);
        assertTrue(audit.contains("\"result\":\"denied\""), audit);
        assertFalse(audit.contains(token), "the token never reaches the audit log");
        assertFalse(audit.contains(key), "the key never reaches the audit log");
    }
}
