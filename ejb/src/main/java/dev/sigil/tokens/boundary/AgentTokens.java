package dev.sigil.tokens.boundary;

import dev.sigil.agents.control.AgentDirectory;
import dev.sigil.agents.entity.Agent;
import dev.sigil.agents.entity.AgentPublicKey;
import dev.sigil.audit.boundary.AuditLog;
import dev.sigil.audit.entity.Actor;
import dev.sigil.audit.entity.ActorType;
import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.platform.control.PublicUrl;
import dev.sigil.platform.control.RateLimitedException;
import dev.sigil.platform.control.RateLimits;
import dev.sigil.tokens.control.AccessTokenMinter;
import dev.sigil.tokens.control.ClientAssertionVerifier;
import dev.sigil.tokens.control.ClientAssertionVerifier.ParsedAssertion;
import dev.sigil.tokens.control.ClientAssertionVerifier.VerifiedAssertion;
import dev.sigil.tokens.control.InvalidClientAssertionException;
import dev.sigil.tokens.control.IssueJournal;
import dev.sigil.tokens.control.OAuthException;
import dev.sigil.tokens.control.ReplayRecords;
import dev.sigil.tokens.entity.AccessToken;
import dev.sigil.tokens.entity.SigningKey;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The token endpoint (OAuth 2.0 client credentials with {@code private_key_jwt}, RFC 7523) and the
 * check of the bearer tokens it issues.
 */
@Stateless
public class AgentTokens {

    public static final String GRANT_TYPE = "client_credentials";
    public static final String ASSERTION_TYPE =
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public static final String TOKEN_PATH = "/api/v1/agents/tokens";

    /** The claim that binds an access token to the agent key that obtained it. */
    public static final String KEY_CLAIM = "sigil_key";

    /** The claim that names the agent's token generation, which every disable advances. */
    public static final String GENERATION_CLAIM = "sigil_gen";

    public static final String BEARER_CHALLENGE = "Bearer realm=\"sigil\", error=\"invalid_token\"";

    @Inject AgentDirectory agents;

    @EJB SigningKeys signingKeys;

    @Inject IssueJournal journal;

    @EJB AuditLog audit;

    @Inject ClientAssertionVerifier assertions;

    @Inject AccessTokenMinter minter;

    @Inject BearerTokens bearer;

    @Inject RateLimits rateLimits;

    @Inject PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "tokens.access.ttl", defaultValue = "PT5M")
    Duration accessTtl;

    @Inject
    @ConfigProperty(name = "tokens.rate-per-minute.client", defaultValue = "10")
    int perClient;

    @Inject
    @ConfigProperty(name = "tokens.rate-per-minute.agent", defaultValue = "10")
    int perAgent;

    Clock clock = Clock.systemUTC();

    private Supplier<SigningKey> currentSigningKey;

    /** Sigil's issuer identifier: its public URL. */
    public String issuer() {
        return publicUrl.base();
    }

    public String tokenEndpoint() {
        return issuer() + TOKEN_PATH;
    }

    /** The audience of access tokens: {@code tokens.access.audience}, default the issuer. */
    public String audience() {
        return bearer.audience();
    }

    /**
     * Issues an access token for a valid client assertion. Failures count against the limits. No
     * transaction spans the request: the token's records commit in the {@link IssueJournal}'s group
     * commits, and denials in transactions of their own.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AccessToken issue(
            String grantType, String assertionType, String assertion, String clientAddress) {
        limit("token-client:" + clientAddress, perClient);
        if (grantType == null || grantType.isBlank()) {
            throw denied(
                    null,
                    "grant_type missing",
                    clientAddress,
                    null,
                    OAuthException.invalidRequest("grant_type is required"));
        }
        if (!GRANT_TYPE.equals(grantType)) {
            throw denied(
                    null,
                    "unsupported grant_type",
                    clientAddress,
                    null,
                    OAuthException.unsupportedGrantType());
        }
        if (!ASSERTION_TYPE.equals(assertionType) || assertion == null || assertion.isBlank()) {
            throw denied(
                    null,
                    "client assertion missing",
                    clientAddress,
                    null,
                    OAuthException.invalidRequest(
                            "client_assertion_type must be "
                                    + ASSERTION_TYPE
                                    + " and client_assertion a signed JWT"));
        }
        Instant now = Instant.now(clock);
        ParsedAssertion parsed;
        try {
            parsed = assertions.read(assertion);
        } catch (InvalidClientAssertionException e) {
            throw denied(null, reason(e), clientAddress, null, OAuthException.invalidClient());
        }
        String subject = parsed.unverifiedSubject();
        limit("token-agent:" + subject, perAgent);
        Optional<Agent> found = agents.find(subject);
        if (found.isEmpty()) {
            throw denied(
                    null, "unknown agent", clientAddress, null, OAuthException.invalidClient());
        }
        Agent agent = found.get();
        if (!agent.isActive()) {
            throw denied(
                    agent.id(),
                    "agent " + agent.status().wire(),
                    clientAddress,
                    null,
                    OAuthException.invalidClient());
        }
        Optional<AgentPublicKey> current = agent.currentKey(now);
        Optional<AgentPublicKey> previous = agent.previousKey(now);
        if (current.isEmpty() && previous.isEmpty()) {
            throw denied(
                    agent.id(),
                    "key expired or missing",
                    clientAddress,
                    null,
                    OAuthException.invalidClient());
        }
        List<String> audiences = List.of(tokenEndpoint(), issuer());
        VerifiedAssertion verified = null;
        AgentPublicKey usedKey = null;
        InvalidClientAssertionException failure = null;
        for (AgentPublicKey key : candidates(current, previous)) {
            try {
                verified = assertions.verify(parsed, agent.id(), key.publicKey(), audiences, now);
                usedKey = key;
                break;
            } catch (InvalidClientAssertionException e) {
                failure = e;
            }
        }
        if (verified == null) {
            throw denied(
                    agent.id(),
                    reason(failure),
                    clientAddress,
                    current.map(AgentPublicKey::thumbprint).orElse(null),
                    OAuthException.invalidClient());
        }
        // The current key's thumbprint is stored with it; only a previous key's is computed.
        String keyThumbprint =
                usedKey == current.orElse(null)
                        ? agent.keyThumbprint().orElseGet(usedKey::thumbprint)
                        : usedKey.thumbprint();
        SigningKey signingKey = currentSigningKey().get();
        String token =
                minter.mint(
                        signingKey,
                        issuer(),
                        agent.id(),
                        audience(),
                        now,
                        accessTtl,
                        Map.of(
                                KEY_CLAIM,
                                keyThumbprint,
                                GENERATION_CLAIM,
                                agent.tokenGeneration()));
        IssueJournal.Outcome recorded =
                journal.record(
                        ReplayRecords.id(agent.id(), verified.jti()),
                        verified.expiresAt().plus(ClientAssertionVerifier.CLOCK_SKEW),
                        AuditEntry.allowed(
                                        new Actor(ActorType.AGENT, agent.id()),
                                        "token:issued",
                                        "agent:" + agent.id(),
                                        "client="
                                                + clientAddress
                                                + " key="
                                                + keyThumbprint
                                                + " alg="
                                                + verified.alg()
                                                + " signing-key="
                                                + signingKey.kid())
                                .forAgent(agent.id()),
                        deniedEntry(agent.id(), "replayed jti", clientAddress, keyThumbprint));
        if (recorded == IssueJournal.Outcome.REPLAYED) {
            throw OAuthException.invalidClient();
        }
        if (recorded == IssueJournal.Outcome.FAILED) {
            throw denied(
                    agent.id(),
                    "replay record failed",
                    clientAddress,
                    keyThumbprint,
                    OAuthException.invalidClient());
        }
        return new AccessToken(token, accessTtl);
    }

    /**
     * The signing-key snapshot's reader, asked for once per bean instance: calling the singleton
     * through the EJB container on every token cost more than reading the snapshot.
     */
    private Supplier<SigningKey> currentSigningKey() {
        if (currentSigningKey == null) {
            currentSigningKey = signingKeys.currentKey();
        }
        return currentSigningKey;
    }

    private static List<AgentPublicKey> candidates(
            Optional<AgentPublicKey> current, Optional<AgentPublicKey> previous) {
        return Stream.concat(current.stream(), previous.stream()).toList();
    }

    private static String reason(InvalidClientAssertionException e) {
        return e == null
                ? "invalid assertion"
                : "assertion " + e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private void limit(String key, int perMinute) {
        RateLimits.Decision decision = rateLimits.consume(key, perMinute);
        if (!decision.allowed()) {
            throw new RateLimitedException(
                    "Too many token requests; wait before retrying", decision.retryAfter());
        }
    }

    private OAuthException denied(
            String agentId,
            String reason,
            String clientAddress,
            String thumbprint,
            OAuthException answer) {
        audit.recordIndependently(deniedEntry(agentId, reason, clientAddress, thumbprint));
        return answer;
    }

    private static AuditEntry deniedEntry(
            String agentId, String reason, String clientAddress, String thumbprint) {
        AuditEntry entry =
                AuditEntry.denied(
                        Actor.agent(agentId),
                        "token:denied",
                        agentId == null ? "token" : "agent:" + agentId,
                        reason
                                + " client="
                                + clientAddress
                                + (thumbprint == null ? "" : " key=" + thumbprint));
        return agentId == null ? entry : entry.forAgent(agentId);
    }
}
