package dev.sigil.tokens.boundary;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.sigil.agents.control.AgentDirectory;
import dev.sigil.agents.entity.Agent;
import dev.sigil.audit.boundary.AuditLog;
import dev.sigil.audit.entity.Actor;
import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.platform.control.NotAuthenticatedException;
import dev.sigil.platform.control.PublicUrl;
import dev.sigil.tokens.control.AccessTokenVerifier;
import dev.sigil.tokens.entity.AgentCaller;
import dev.sigil.tokens.entity.SigningKey;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The check of the access tokens {@link AgentTokens} issues, on every request of an agent. A CDI
 * bean, not an EJB: it needs no transaction, reads only memory on the way to a yes (verified
 * tokens, signing keys and agents are all cached), and an EJB call cost 9 % of a whole request.
 */
@ApplicationScoped
public class BearerTokens {

    @Inject AccessTokenVerifier verifier;

    @Inject AgentDirectory agents;

    @EJB SigningKeys signingKeys;

    @EJB AuditLog audit;

    @Inject PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "tokens.access.audience")
    Optional<String> configuredAudience;

    /** RFC 6750 section 3.1: a request without credentials gets a challenge without an error. */
    static final String NO_TOKEN_CHALLENGE = "Bearer realm=\"sigil\"";

    Clock clock = Clock.systemUTC();

    /**
     * The signing keys by id, asked for once: the lookup reads the singleton's snapshot, and
     * fetching it through the EJB container on every request cost 5 % of a request.
     */
    private volatile Function<String, Optional<SigningKey>> keysByKid;

    /** The audience of access tokens: {@code tokens.access.audience}, default the issuer. */
    public String audience() {
        return configuredAudience.filter(a -> !a.isBlank()).orElseGet(publicUrl::base);
    }

    /**
     * The agent behind an {@code Authorization: Bearer} header: a token Sigil signed, for this
     * audience, unexpired, of an agent that is active and still holds the key the token was issued
     * for. Anything else is 401 with a Bearer challenge.
     *
     * @param clientAddress the client's address, asked for only when a denial is audited: reading
     *     it through the container's request proxy costs 5 % of a request
     */
    public AgentCaller authenticate(String authorization, Supplier<String> clientAddress) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw bearerDenied(null, "no bearer token", clientAddress, NO_TOKEN_CHALLENGE);
        }
        Instant now = Instant.now(clock);
        Optional<JWTClaimsSet> claims =
                verifier.verify(
                        authorization.substring(7).strip(),
                        keysByKid(),
                        publicUrl.base(),
                        audience(),
                        now);
        if (claims.isEmpty()) {
            throw bearerDenied(
                    null, "invalid or expired token", clientAddress, AgentTokens.BEARER_CHALLENGE);
        }
        String agentId = claims.get().getSubject();
        Object thumbprint = claims.get().getClaim(AgentTokens.KEY_CLAIM);
        Optional<Agent> agent = agents.find(agentId);
        if (agent.isEmpty()
                || !agent.get().isActive()
                || !(thumbprint instanceof String key)
                || !agent.get().acceptsKey(key, now)
                || !(claims.get().getClaim(AgentTokens.GENERATION_CLAIM)
                        instanceof Number generation)
                || generation.intValue() != agent.get().tokenGeneration()) {
            throw bearerDenied(
                    agentId,
                    "agent missing, not active, key replaced, or token older than a disable",
                    clientAddress,
                    AgentTokens.BEARER_CHALLENGE);
        }
        return new AgentCaller(agentId, key, agent.get());
    }

    private Function<String, Optional<SigningKey>> keysByKid() {
        Function<String, Optional<SigningKey>> keys = keysByKid;
        if (keys == null) {
            keys = signingKeys.lookup();
            keysByKid = keys;
        }
        return keys;
    }

    private NotAuthenticatedException bearerDenied(
            String agentId, String reason, Supplier<String> client, String challenge) {
        AuditEntry entry =
                AuditEntry.denied(
                        Actor.agent(agentId),
                        "auth:denied",
                        "agent-api",
                        reason + " from " + client.get());
        audit.recordIndependently(agentId == null ? entry : entry.forAgent(agentId));
        return new NotAuthenticatedException(
                challenge,
                "A valid bearer access token from " + AgentTokens.TOKEN_PATH + " is required");
    }
}
