package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production profile: Sigil on PostgreSQL (127.0.0.1:5432, {@code SIGIL_IT_PG_URL} to
 * override), with rate limits in the database as a cluster keeps them. The test creates its own
 * database and drops it afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PostgresIT {

    static final Path DATA = SigilDeployment.newDataDirectory("postgres");
    static final String SERVER =
            System.getenv().getOrDefault("SIGIL_IT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getenv().getOrDefault("SIGIL_IT_PG_USER", "postgres");
    static final String DATABASE = "sigil_it_" + UUID.randomUUID().toString().replace("-", "");

    /** The deployed node's embedded broker, which the test joins as a second node would. */
    static final int BROKER_PORT = SigilDeployment.freePort();

    static final String AGENT_CHANGES = "sigil.agent-changes";

    @ArquillianResource URL url;

    @Deployment(testable = false)
    static WebArchive deployment() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + DATABASE);
        }
        return SigilDeployment.war(
                DATA,
                Map.of(
                        "sigil.db.url",
                        SERVER + DATABASE,
                        "sigil.db.user",
                        USER,
                        "sigil.rate-limits.store",
                        "database",
                        "sigil.broker.port",
                        Integer.toString(BROKER_PORT),
                        // Long enough that only a message, never expiry, ends a cached entry here.
                        "agents.cache.ttl",
                        "PT5M"));
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
                Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    @Test
    void setupKeysAndAuditWorkOnPostgresAndAnEditedRowIsNamed() throws SQLException {
        Api api = new Api(url);
        JsonObject health = Api.json(api.get("health/ready", null));
        assertTrue(health.toString().contains("PostgreSQL"), health.toString());

        String admin = api.admin(DATA);
        String viewer = api.createKey(admin, "pg-viewer", "viewer", null);
        assertEquals(
                403,
                api.post("api/v1/api-keys", viewer, "{\"name\":\"x\",\"role\":\"admin\"}")
                        .statusCode());
        assertEquals(401, api.get("api/v1/api-keys", "sgl_nope").statusCode());

        String limited = api.createKey(admin, "pg-limited", "viewer", 2);
        assertEquals(200, api.get("api/v1/audit/verify", limited).statusCode());
        assertEquals(200, api.get("api/v1/audit/verify", limited).statusCode());
        Problems.assertProblem(api.get("api/v1/audit/verify", limited), 429, "rate-limited");
        try (Connection db = DriverManager.getConnection(SERVER + DATABASE, USER, "");
                Statement sql = db.createStatement();
                java.sql.ResultSet buckets =
                        sql.executeQuery("SELECT COUNT(*) FROM rate_limit_bucket")) {
            buckets.next();
            assertTrue(buckets.getInt(1) >= 2, "the limits live in the shared database");
        }

        JsonObject intact = Api.json(api.get("api/v1/audit/verify", admin));
        assertTrue(intact.getBoolean("valid"), intact.toString());
        long checked = intact.getJsonNumber("checked").longValue();
        assertTrue(checked >= 5, intact.toString());

        try (Connection db = DriverManager.getConnection(SERVER + DATABASE, USER, "");
                Statement sql = db.createStatement()) {
            assertEquals(
                    1, sql.executeUpdate("UPDATE audit_event SET detail = 'edited' WHERE seq = 3"));
        }
        JsonObject broken = Api.json(api.get("api/v1/audit/verify", admin));
        assertFalse(broken.getBoolean("valid"));
        assertEquals(3, broken.getInt("firstBrokenSeq"));
    }

    /**
     * Tokens on PostgreSQL, as a cluster runs them: the replay record's {@code ON CONFLICT} insert
     * and the audit event commit together, a reused assertion is refused, and the rate limits of
     * the token endpoint come from the database.
     */
    @Test
    void anAssertionBuysOneTokenOnPostgres() throws SQLException {
        Api api = new Api(url);
        String admin = api.admin(DATA);
        Ed25519Agent key = new Ed25519Agent();
        String agentId = createAgent(api, admin, key, "pg-agent");
        String endpoint =
                Api.json(api.get(".well-known/oauth-authorization-server", null))
                        .getString("token_endpoint");
        String assertion = key.assertion(agentId, endpoint);

        HttpResponse<String> issued = token(api, assertion);
        assertEquals(200, issued.statusCode(), issued.body());
        HttpResponse<String> replayed = token(api, assertion);
        assertEquals(401, replayed.statusCode(), replayed.body());
        assertEquals("invalid_client", Api.json(replayed).getString("error"));
        HttpResponse<String> me = me(api, "Bearer " + Api.json(issued).getString("access_token"));
        assertEquals(200, me.statusCode(), me.body());

        try (Connection db = DriverManager.getConnection(SERVER + DATABASE, USER, "");
                PreparedStatement events =
                        db.prepareStatement(
                                "SELECT action, result FROM audit_event WHERE agent_id = ?"
                                        + " AND action LIKE 'token:%' ORDER BY seq")) {
            events.setString(1, agentId);
            List<String> actions = new ArrayList<>();
            try (ResultSet rows = events.executeQuery()) {
                while (rows.next()) {
                    actions.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
            assertEquals(List.of("token:issued allowed", "token:denied denied"), actions);
        }
    }

    /**
     * The minute's purge runs (an EJB timer, on a server without Hazelcast) and forgets only the
     * ids whose assertions have expired. Waits for it, at most one schedule and a half.
     */
    @Test
    void theReplayPurgeForgetsExpiredIdsAndKeepsLiveOnes() throws Exception {
        Instant now = Instant.now();
        try (Connection db = DriverManager.getConnection(SERVER + DATABASE, USER, "");
                PreparedStatement insert =
                        db.prepareStatement(
                                "INSERT INTO used_assertion (id, expires_at) VALUES (?, ?)")) {
            insert.setLong(1, 1L);
            insert.setObject(2, OffsetDateTime.ofInstant(now.minusSeconds(60), ZoneOffset.UTC));
            insert.addBatch();
            insert.setLong(1, 2L);
            insert.setObject(2, OffsetDateTime.ofInstant(now.plusSeconds(600), ZoneOffset.UTC));
            insert.addBatch();
            insert.executeBatch();

            Instant deadline = now.plusSeconds(90);
            while (idsAmong(db, 1L, 2L).contains(1L)) {
                assertTrue(Instant.now().isBefore(deadline), "no purge within 90 s");
                Thread.sleep(500); // polling the database for the timer's effect
            }
            assertEquals(List.of(2L), idsAmong(db, 1L, 2L));
        }
    }

    private static List<Long> idsAmong(Connection db, long first, long second) throws SQLException {
        try (PreparedStatement select =
                db.prepareStatement(
                        "SELECT id FROM used_assertion WHERE id IN (?, ?) ORDER BY id")) {
            select.setLong(1, first);
            select.setLong(2, second);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    @Test
    void aChangeOnAnotherNodeReachesThisNodeThroughTheBroker() throws Exception {
        Api api = new Api(url);
        String admin = api.admin(DATA);
        Ed25519Agent key = new Ed25519Agent();
        String agentId = createAgent(api, admin, key, "pg-cached");
        String bearer = "Bearer " + Api.json(token(api, key, agentId)).getString("access_token");
        assertEquals(200, me(api, bearer).statusCode(), "cached by this request");

        // Another node disables the agent: its transaction commits in the shared database...
        try (Connection db = DriverManager.getConnection(SERVER + DATABASE, USER, "");
                PreparedStatement disable =
                        db.prepareStatement(
                                "UPDATE agent SET status = 'disabled',"
                                        + " token_generation = token_generation + 1 WHERE id = ?")) {
            disable.setString(1, agentId);
            assertEquals(1, disable.executeUpdate());
        }
        assertEquals(200, me(api, bearer).statusCode(), "this node has not heard of it yet");
        // ...and it tells the other nodes.
        try (ActiveMQConnectionFactory broker = brokerClient();
                JMSContext context = broker.createContext()) {
            context.createProducer()
                    .setProperty("sigilNode", "another-node")
                    .send(context.createTopic(AGENT_CHANGES), agentId);
        }

        // Delivery is asynchronous: ask until the answer changes, for at most ten seconds.
        long deadline = System.nanoTime() + 10_000_000_000L;
        HttpResponse<String> rejected = me(api, bearer);
        while (rejected.statusCode() == 200 && System.nanoTime() < deadline) {
            rejected = me(api, bearer);
        }
        assertEquals(401, rejected.statusCode(), rejected.body());
    }

    @Test
    void aChangeOnThisNodeIsToldToTheOtherNodes() throws Exception {
        Api api = new Api(url);
        String admin = api.admin(DATA);
        String agentId = createAgent(api, admin, new Ed25519Agent(), "pg-told");
        try (ActiveMQConnectionFactory broker = brokerClient();
                JMSContext context = broker.createContext();
                JMSConsumer otherNode =
                        context.createConsumer(context.createTopic(AGENT_CHANGES))) {

            HttpResponse<String> disabled =
                    api.post("api/v1/agents/" + agentId + "/disable", admin, "");
            assertEquals(200, disabled.statusCode(), disabled.body());

            Message told = otherNode.receive(10_000);
            assertNotNull(told, "no change published");
            assertEquals(agentId, told.getBody(String.class));
        }
    }

    static ActiveMQConnectionFactory brokerClient() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT);
    }

    static String createAgent(Api api, String admin, Ed25519Agent key, String name) {
        HttpResponse<String> created =
                api.post(
                        "api/v1/agents",
                        admin,
                        Json.createObjectBuilder()
                                .add("name", name)
                                .add("registration", "public-key")
                                .add("publicKey", key.publicPem())
                                .add("keyTtlDays", 1)
                                .build()
                                .toString());
        assertEquals(201, created.statusCode(), created.body());
        return Api.json(created).getString("agentId");
    }

    static HttpResponse<String> token(Api api, Ed25519Agent key, String agentId) {
        String endpoint =
                Api.json(api.get(".well-known/oauth-authorization-server", null))
                        .getString("token_endpoint");
        HttpResponse<String> issued = token(api, key.assertion(agentId, endpoint));
        assertEquals(200, issued.statusCode(), issued.body());
        return issued;
    }

    static HttpResponse<String> me(Api api, String bearer) {
        return api.send(
                api.request("api/v1/agents/me", null).header("Authorization", bearer).GET());
    }

    static HttpResponse<String> token(Api api, String assertion) {
        return api.send(
                api.request("api/v1/agents/tokens", null)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "grant_type=client_credentials&client_assertion_type="
                                                + URLEncoder.encode(
                                                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                                                        StandardCharsets.UTF_8)
                                                + "&client_assertion="
                                                + assertion)));
    }
}
