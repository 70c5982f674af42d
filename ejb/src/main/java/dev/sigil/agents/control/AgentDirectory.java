package dev.sigil.agents.control;

import dev.sigil.agents.entity.Agent;
import dev.sigil.agents.entity.AgentChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Agents as the authentication of every agent request reads them: from a per-node cache in front of
 * the database (R5.14). Every request of an agent needs its record (status, keys, token
 * generation); agents change rarely, and only through the {@link
 * dev.sigil.agents.boundary.AgentRegistry}.
 *
 * <p>An entry leaves the cache when the registry's transaction that changed the agent completes on
 * this node ({@link AgentChanged}), when another node's change arrives through the broker ({@link
 * #invalidate(String)}, called by the messaging relay), and at the latest {@code agents.cache.ttl}
 * after it was read. The cache serves nothing until the relay {@link #resume()}s it, which it does
 * only while it is subscribed to other nodes' changes; when the subscription fails the relay {@link
 * #suspend()}s it, and every read goes to the database.
 *
 * <p>A read that raced with a change is never kept: every invalidation advances an epoch, and an
 * entry read before the epoch moved is dropped.
 */
@ApplicationScoped
public class AgentDirectory {

    /** Upper bound on cached agents; past it the cache is emptied and refills from the database. */
    static final int MAX_ENTRIES = 100_000;

    @PersistenceContext EntityManager em;

    @Inject
    @ConfigProperty(name = "agents.cache.ttl", defaultValue = "PT10S")
    Duration ttl;

    Clock clock = Clock.systemUTC();

    /** Reads one agent from the database, {@code null} if there is none. */
    Function<String, Agent> database = id -> em.find(Agent.class, id);

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean serving;

    private record Entry(Agent agent, long readAt) {}

    /**
     * The agent with this id, as of at most {@code agents.cache.ttl} ago and never older than a
     * change this node made or has been told of. The result is the caller's own copy.
     */
    public Optional<Agent> find(String id) {
        if (!Agent.isWellFormedId(id)) {
            return Optional.empty();
        }
        long now = clock.millis();
        Entry cached = entries.get(id);
        if (cached != null && now - cached.readAt() < ttl.toMillis()) {
            return Optional.of(cached.agent().detachedCopy());
        }
        long seen = epoch.get();
        Agent read = database.apply(id);
        if (read == null) {
            entries.remove(id);
            return Optional.empty();
        }
        Agent kept = read.detachedCopy();
        kept.decodeKeys();
        if (serving && !ttl.isZero() && !ttl.isNegative()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            Entry entry = new Entry(kept, now);
            entries.put(id, entry);
            if (epoch.get() != seen || !serving) {
                entries.remove(id, entry);
            }
        }
        return Optional.of(kept.detachedCopy());
    }

    /** Forgets the agent: its next read goes to the database. */
    public void invalidate(String id) {
        epoch.incrementAndGet();
        entries.remove(id);
    }

    /** Forgets every agent. */
    public void invalidateAll() {
        epoch.incrementAndGet();
        entries.clear();
    }

    /** Starts keeping agents: changes on other nodes will now be reported. */
    public void resume() {
        epoch.incrementAndGet();
        serving = true;
    }

    /** Stops keeping agents and forgets them: changes on other nodes may go unreported. */
    public void suspend() {
        serving = false;
        invalidateAll();
    }

    /** Whether the cache is in use. */
    public boolean isServing() {
        return serving;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) AgentChanged change) {
        invalidate(change.agentId());
    }
}
