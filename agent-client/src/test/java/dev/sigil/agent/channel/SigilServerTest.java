package dev.sigil.agent.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.agent.keys.AgentKeyPair;
import dev.sigil.agent.keys.AssertionSigner;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SigilServerTest {

    FakeSigilServer fake;
    SigilServer cut;
    AgentKeyPair key = AgentKeyPair.generate(new SecureRandom());

    @BeforeEach
    void startFakeServer() throws Exception {
        fake = FakeSigilServer.start();
        cut = new SigilServer(fake.url(), Clock.systemUTC());
    }

    @AfterEach
    void stopFakeServer() {
        fake.close();
    }

    @Test
    void registersThePublicKey() {
        Registration registration =
                cut.register(
                        FakeSigilServer.AGENT_ID,
                        FakeSigilServer.REGISTRATION_TOKEN,
                        key.openSshPublicKey("sigil-agent@test"));

        assertEquals(FakeSigilServer.AGENT_ID, registration.agentId());
        assertEquals(Optional.of(key.fingerprint()), registration.keyFingerprint());
        assertEquals(Optional.of(FakeSigilServer.KEY_EXPIRES_AT), registration.keyExpiresAt());
    }

    @Test
    void mintsATokenWithAClientAssertionAndUsesIt() {
        fake.preRegister(key.openSshPublicKey(null));

        AccessToken token = cut.token(assertion());
        AgentRecord record = cut.me(token);

        assertEquals(Optional.of(Duration.ofSeconds(300)), token.expiresIn());
        assertFalse(token.toString().contains(token.value()));
        assertEquals(FakeSigilServer.AGENT_ID, record.fields().get("agentId"));
        assertEquals("agentId: " + FakeSigilServer.AGENT_ID, record.lines().get(0));
        assertTrue(
                record.lines().contains("labels: {\"site\":\"fra1\"}"), record.lines()::toString);
    }

    @Test
    void refusedAssertionIsRejectedWithTheOauthError() {
        fake.refuseTokens = true;

        var e = assertThrows(ChannelException.class, () -> cut.token(assertion()));

        assertEquals(ChannelException.Kind.REJECTED, e.kind());
        assertEquals(401, e.status());
        assertEquals(
                "token request rejected (HTTP 401): invalid_client: Client authentication failed.",
                e.getMessage());
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        fake.rateLimitTokens = true;

        var e = assertThrows(ChannelException.class, () -> cut.token(assertion()));

        assertEquals(ChannelException.Kind.RATE_LIMITED, e.kind());
        assertEquals(
                Optional.of(Duration.ofSeconds(FakeSigilServer.RETRY_AFTER_SECONDS)),
                e.retryAfter());
        assertTrue(e.getMessage().contains("retry after 7 s"), e.getMessage());
    }

    @Test
    void unknownBearerTokenIsRejectedWithWwwAuthenticate() {
        var e =
                assertThrows(
                        ChannelException.class, () -> cut.me(new AccessToken("at-unknown", null)));

        assertEquals(ChannelException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("invalid_token"), e.getMessage());
        assertFalse(e.getMessage().contains("at-unknown"), e.getMessage());
    }

    @Test
    void serverErrorFailsWithTheProblemDetail() {
        fake.answer(
                SigilServer.TOKENS,
                FakeSigilServer.problem(503, "unavailable", "Service unavailable", "Try later."));

        var e = assertThrows(ChannelException.class, () -> cut.token(assertion()));

        assertEquals(ChannelException.Kind.FAILED, e.kind());
        assertEquals(
                "token request failed on the server (HTTP 503): Service unavailable: Try later."
                        + " (unavailable)",
                e.getMessage());
    }

    @Test
    void rejectionWithoutExplanationNamesTheUrlThatAnswered() {
        fake.answer(SigilServer.TOKENS, new FakeSigilServer.Canned(404, null, "", Map.of()));

        var e = assertThrows(ChannelException.class, () -> cut.token(assertion()));

        assertEquals(
                "token request rejected (HTTP 404) from " + fake.url() + "/api/v1/agents/tokens",
                e.getMessage());
    }

    @Test
    void redirectIsNotFollowed() {
        fake.answer(
                SigilServer.TOKENS,
                new FakeSigilServer.Canned(
                        301, null, "", Map.of("Location", "https://elsewhere.example.com/")));

        var e = assertThrows(ChannelException.class, () -> cut.token(assertion()));

        assertEquals(ChannelException.Kind.MISDIRECTED, e.kind());
        assertTrue(e.getMessage().contains("https://elsewhere.example.com/"), e.getMessage());
    }

    @Test
    void answerOutsideTheContractFails() {
        fake.answer(
                SigilServer.TOKENS,
                new FakeSigilServer.Canned(200, "application/json", "{\"token\":\"x\"}", Map.of()));

        var e = assertThrows(ChannelException.class, () -> cut.token(assertion()));

        assertEquals(ChannelException.Kind.FAILED, e.kind());
        assertEquals("unexpected answer to token request: no access_token", e.getMessage());
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var closed = new SigilServer(URI.create("http://127.0.0.1:" + port), Clock.systemUTC());

        var e = assertThrows(ChannelException.class, () -> closed.token("x"));

        assertEquals(ChannelException.Kind.UNREACHABLE, e.kind());
        assertTrue(
                e.getMessage().startsWith("cannot connect to http://127.0.0.1:"), e.getMessage());
    }

    private String assertion() {
        return new AssertionSigner(key, Clock.systemUTC())
                .sign(FakeSigilServer.AGENT_ID, cut.tokenEndpoint());
    }
}
