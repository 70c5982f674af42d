package dev.sigil.agents.boundary;

import dev.sigil.agents.control.AgentNotFoundException;
import dev.sigil.agents.control.AgentStateException;
import dev.sigil.agents.control.PublicKeyParser;
import dev.sigil.agents.control.RegistrationRejectedException;
import dev.sigil.agents.entity.Agent;
import dev.sigil.agents.entity.AgentChanged;
import dev.sigil.agents.entity.AgentPublicKey;
import dev.sigil.agents.entity.AgentStatus;
import dev.sigil.agents.entity.NewAgent;
import dev.sigil.agents.entity.RegistrationToken;
import dev.sigil.audit.boundary.AuditLog;
import dev.sigil.audit.entity.Actor;
import dev.sigil.audit.entity.ActorType;
import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.platform.control.PublicUrl;
import dev.sigil.platform.control.Secrets;
import dev.sigil.platform.control.ValidationException;
import dev.sigil.tokens.control.ClientAssertionVerifier;
import dev.sigil.tokens.control.InvalidClientAssertionException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Adds, lists, registers, rotates, disables, enables and deletes agents. */
@Stateless
public class AgentRegistry {

    @PersistenceContext EntityManager em;

    @EJB AuditLog audit;

    @Inject PublicKeyParser keys;

    @Inject ClientAssertionVerifier assertions;

    @Inject
    @ConfigProperty(name = "agents.registration-token.ttl", defaultValue = "PT1H")
    Duration registrationTokenTtl;

    @Inject
    @ConfigProperty(name = "agents.key.ttl", defaultValue = "P90D")
    Duration registeredKeyTtl;

    @Inject
    @ConfigProperty(name = "agents.key-rotation.overlap", defaultValue = "PT24H")
    Duration rotationOverlap;

    @Inject PublicUrl publicUrl;

    /** Tells the nodes' agent caches (R5.14) when this transaction completes. */
    @Inject Event<AgentChanged> changes;

    Clock clock = Clock.systemUTC();

    /** Adds an agent that registers itself ({@code "agent"}) or whose key is supplied. */
    public NewAgent create(
            String name,
            String registration,
            String publicKey,
            String keyType,
            Integer keyTtlDays,
            Actor actor) {
        Instant now = Instant.now(clock);
        String by = actor.type().wire() + ":" + actor.id();
        if ("agent".equals(registration)) {
            if (publicKey != null) {
                throw new ValidationException(
                        "publicKey",
                        "only with registration \"public-key\"; the agent makes its own");
            }
            Agent agent = Agent.awaitingRegistration(name, now, by);
            RegistrationToken token = newToken(agent, now);
            em.persist(agent);
            audit.record(
                    AuditEntry.allowed(
                                    actor,
                                    "agent:create",
                                    "agent:" + agent.id(),
                                    "name=" + name + " registration=agent")
                            .forAgent(agent.id()));
            audit.record(tokenIssued(actor, agent, token));
            changed(agent);
            return new NewAgent(agent, Optional.of(token));
        }
        if (publicKey == null || publicKey.isBlank()) {
            throw new ValidationException(
                    "publicKey", "is required with registration \"public-key\"");
        }
        int days = keyTtlDays == null ? (int) registeredKeyTtl.toDays() : keyTtlDays;
        AgentPublicKey key = keys.parse(publicKey, keyType);
        Agent agent = Agent.withSuppliedKey(name, key, now.plus(Duration.ofDays(days)), now, by);
        em.persist(agent);
        audit.record(
                AuditEntry.allowed(
                                actor,
                                "agent:create",
                                "agent:" + agent.id(),
                                "name="
                                        + name
                                        + " registration=public-key key="
                                        + key.fingerprint()
                                        + " keyTtlDays="
                                        + days)
                        .forAgent(agent.id()));
        changed(agent);
        return new NewAgent(agent, Optional.empty());
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Agent> list() {
        return em.createNamedQuery(Agent.ALL, Agent.class).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Agent get(String id) {
        return find(id).orElseThrow(() -> new AgentNotFoundException(id));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Agent> find(String id) {
        if (!Agent.isWellFormedId(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(Agent.class, id));
    }

    /** A fresh registration token for a new key pair; the previous token dies. */
    public RegistrationToken newRegistrationToken(String id, Actor actor) {
        Agent agent = get(id);
        if (agent.status() == AgentStatus.DISABLED) {
            throw new AgentStateException("Agent " + id + " is disabled; enable it first");
        }
        RegistrationToken token = newToken(agent, Instant.now(clock));
        audit.record(tokenIssued(actor, agent, token));
        changed(agent);
        return token;
    }

    private RegistrationToken newToken(Agent agent, Instant now) {
        String value = Secrets.random(RegistrationToken.PREFIX);
        Instant expiresAt = now.plus(registrationTokenTtl);
        agent.issueRegistrationToken(Secrets.sha256Hex(value), expiresAt);
        return new RegistrationToken(value, expiresAt);
    }

    private static AuditEntry tokenIssued(Actor actor, Agent agent, RegistrationToken token) {
        return AuditEntry.allowed(
                        actor,
                        "agent:registration-token",
                        "agent:" + agent.id(),
                        "expires " + token.expiresAt())
                .forAgent(agent.id());
    }

    public Agent disable(String id, Actor actor) {
        Agent agent = get(id);
        agent.disable();
        audit.record(AuditEntry.allowed(actor, "agent:disable", "agent:" + id, "").forAgent(id));
        changed(agent);
        return agent;
    }

    public Agent enable(String id, Actor actor) {
        Agent agent = get(id);
        agent.enable();
        audit.record(AuditEntry.allowed(actor, "agent:enable", "agent:" + id, "").forAgent(id));
        changed(agent);
        return agent;
    }

    public void delete(String id, Actor actor) {
        Agent agent = get(id);
        em.remove(agent);
        audit.record(
                AuditEntry.allowed(actor, "agent:delete", "agent:" + id, "name=" + agent.name())
                        .forAgent(id));
        changed(agent);
    }

    /**
     * Registration via agent: spends the token (atomically, once) and attaches the key. The key is
     * checked first, so a bad key costs no token. Wrong, expired and spent tokens are one answer.
     */
    public Agent register(
            String agentId,
            String registrationToken,
            String publicKey,
            String keyType,
            String clientAddress) {
        AgentPublicKey key = keys.parse(publicKey, keyType);
        Instant now = Instant.now(clock);
        int spent = 0;
        if (Agent.isWellFormedId(agentId) && registrationToken != null) {
            spent =
                    em.createNamedQuery(Agent.CONSUME_REGISTRATION_TOKEN)
                            .setParameter("id", agentId)
                            .setParameter("hash", Secrets.sha256Hex(registrationToken))
                            .setParameter("now", now)
                            .executeUpdate();
        }
        Actor actor = new Actor(ActorType.AGENT, agentId == null ? "unknown" : agentId);
        if (spent != 1) {
            AuditEntry denied =
                    AuditEntry.denied(
                            actor,
                            "agent:register",
                            "agent:" + agentId,
                            "invalid, expired or spent registration token from " + clientAddress);
            audit.recordIndependently(
                    find(agentId).isPresent() ? denied.forAgent(agentId) : denied);
            throw new RegistrationRejectedException();
        }
        Agent agent = get(agentId);
        agent.register(key, now.plus(registeredKeyTtl), now);
        audit.record(
                AuditEntry.allowed(
                                actor,
                                "agent:register",
                                "agent:" + agentId,
                                "key=" + key.fingerprint() + " from " + clientAddress)
                        .forAgent(agentId));
        changed(agent);
        return agent;
    }

    /**
     * Key rotation by the agent itself: the caller proved the current key (its bearer token); the
     * proof JWT, signed by the new private key, proves the new one. The old key keeps working until
     * the overlap ends: as long as the agent asks ({@code overlap}, an ISO-8601 duration), at most
     * {@code agents.key-rotation.overlap}, which is also the default.
     */
    public Agent rotateKey(
            String agentId, String publicKey, String keyType, String proof, String overlap) {
        Duration keepPrevious = overlap(overlap, rotationOverlap);
        Agent agent = get(agentId);
        AgentPublicKey key = keys.parse(publicKey, keyType);
        Instant now = Instant.now(clock);
        if (agent.keyThumbprint().filter(key.thumbprint()::equals).isPresent()) {
            throw new ValidationException(
                    "publicKey", "is the current key; generate a new key pair");
        }
        if (proof == null || proof.isBlank()) {
            throw new ValidationException(
                    "proof", "is required: a JWT signed by the new private key");
        }
        try {
            assertions.verify(proof, agentId, key.publicKey(), List.of(rotationAudience()), now);
        } catch (InvalidClientAssertionException e) {
            throw new ValidationException(
                    "proof",
                    "must be a JWT signed by the new private key, with iss and sub the agent id and"
                            + " aud "
                            + rotationAudience());
        }
        String previous = agent.keyFingerprint().orElse("none");
        agent.rotate(key, now.plus(registeredKeyTtl), now, now.plus(keepPrevious));
        audit.record(
                AuditEntry.allowed(
                                new Actor(ActorType.AGENT, agentId),
                                "agent:key-rotate",
                                "agent:" + agentId,
                                "key="
                                        + key.fingerprint()
                                        + " previous="
                                        + previous
                                        + " previous-retires="
                                        + now.plus(keepPrevious))
                        .forAgent(agentId));
        changed(agent);
        return agent;
    }

    private void changed(Agent agent) {
        changes.fire(new AgentChanged(agent.id()));
    }

    /**
     * How long a rotated-out key keeps working: what the agent asked for, capped at the maximum;
     * the maximum if it asked for nothing.
     *
     * @throws ValidationException if the request is no ISO-8601 duration, or negative
     */
    static Duration overlap(String requested, Duration maximum) {
        if (requested == null || requested.isBlank()) {
            return maximum;
        }
        Duration asked;
        try {
            asked = Duration.parse(requested.strip());
        } catch (DateTimeParseException e) {
            asked = null;
        }
        if (asked == null || asked.isNegative()) {
            throw new ValidationException(
                    "overlap",
                    "must be an ISO-8601 duration from PT0S to " + maximum + ", such as PT12H");
        }
        return asked.compareTo(maximum) > 0 ? maximum : asked;
    }

    String rotationAudience() {
        return publicUrl.base() + "/api/v1/agents/me/key-rotation";
    }
}
