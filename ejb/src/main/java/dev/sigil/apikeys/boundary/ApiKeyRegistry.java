package dev.sigil.apikeys.boundary;

import dev.sigil.apikeys.entity.ApiKey;
import dev.sigil.apikeys.entity.ApiKeySecret;
import dev.sigil.apikeys.entity.Caller;
import dev.sigil.apikeys.entity.IssuedApiKey;
import dev.sigil.apikeys.entity.Role;
import dev.sigil.audit.boundary.AuditLog;
import dev.sigil.audit.entity.Actor;
import dev.sigil.audit.entity.ActorType;
import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.platform.control.NotAuthenticatedException;
import dev.sigil.platform.control.NotFoundException;
import dev.sigil.platform.control.Secrets;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates, lists, revokes and authenticates API keys. */
@Stateless
public class ApiKeyRegistry {

    public static final String CHALLENGE = "ApiKey realm=\"sigil\"";

    @PersistenceContext EntityManager em;

    @EJB AuditLog audit;

    @Inject
    @ConfigProperty(name = "apikeys.rate-per-minute.default", defaultValue = "600")
    int defaultRatePerMinute;

    Clock clock = Clock.systemUTC();

    public IssuedApiKey create(String name, Role role, Integer ratePerMinute, Actor actor) {
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key =
                new ApiKey(
                        name,
                        role,
                        ratePerMinute == null ? defaultRatePerMinute : ratePerMinute,
                        secret,
                        Instant.now(clock),
                        actor.type().wire() + ":" + actor.id());
        em.persist(key);
        audit.record(
                AuditEntry.allowed(
                        actor,
                        "apikey:create",
                        "apikey:" + key.id(),
                        "name=" + name + " role=" + role.wire() + " prefix=" + key.prefix()));
        return new IssuedApiKey(key, secret);
    }

    public List<ApiKey> list() {
        return em.createNamedQuery(ApiKey.ALL, ApiKey.class).getResultList();
    }

    public ApiKey get(String id) {
        return Optional.ofNullable(em.find(ApiKey.class, id))
                .orElseThrow(() -> new NotFoundException("API key", id));
    }

    public boolean anyExists() {
        return em.createNamedQuery(ApiKey.COUNT, Long.class).getSingleResult() > 0;
    }

    public void revoke(String id, Actor actor) {
        ApiKey key = get(id);
        key.revoke(Instant.now(clock));
        audit.record(
                AuditEntry.allowed(
                        actor, "apikey:revoke", "apikey:" + id, "prefix=" + key.prefix()));
    }

    /**
     * The caller a presented secret belongs to, counting the use. A missing, unknown or revoked key
     * is denied (and audited) without saying which.
     */
    public Caller authenticate(String presented, String clientAddress) {
        if (presented == null || presented.isBlank()) {
            throw denied("no X-API-Key header", clientAddress);
        }
        String hash = Secrets.sha256Hex(presented.strip());
        List<ApiKey> found =
                em.createNamedQuery(ApiKey.BY_HASH, ApiKey.class)
                        .setParameter("hash", hash)
                        .getResultList();
        if (found.isEmpty()) {
            throw denied("unknown key", clientAddress);
        }
        ApiKey key = found.get(0);
        if (key.isRevoked()) {
            throw denied("revoked key " + key.id(), clientAddress);
        }
        em.createNamedQuery(ApiKey.RECORD_USE)
                .setParameter("now", Instant.now(clock))
                .setParameter("id", key.id())
                .executeUpdate();
        return new Caller(key.id(), key.name(), key.role(), key.ratePerMinute());
    }

    private NotAuthenticatedException denied(String reason, String clientAddress) {
        audit.recordIndependently(
                AuditEntry.denied(
                        Actor.anonymous(ActorType.APIKEY),
                        "auth:denied",
                        "api",
                        reason + " from " + clientAddress));
        return new NotAuthenticatedException(CHALLENGE, "A valid X-API-Key header is required");
    }
}
