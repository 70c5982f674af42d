package dev.sigil.agents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.agents.entity.Agent;
import dev.sigil.agents.entity.AgentChanged;
import dev.sigil.agents.entity.AgentPublicKey;
import dev.sigil.agents.entity.AgentStatus;
import dev.sigil.agents.entity.KeyType;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-node agent cache: what it keeps, and every way an entry leaves it. */
class AgentDirectoryTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    AgentDirectory cut;

    /** The database: agents by id, as committed. */
    final Map<String, Agent> rows = new ConcurrentHashMap<>();

    final AtomicInteger reads = new AtomicInteger();

    Agent agent;

    @BeforeEach
    void setUp() throws Exception {
        cut = new AgentDirectory();
        cut.ttl = Duration.ofSeconds(10);
        cut.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        cut.database =
                id -> {
                    reads.incrementAndGet();
                    Agent row = rows.get(id);
                    return row == null ? null : row.detachedCopy();
                };
        AgentPublicKey key =
                new AgentPublicKey(
                        KeyType.ED25519,
                        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
        agent = Agent.withSuppliedKey("edge-1", key, NOW.plus(Duration.ofDays(1)), NOW, "test");
        rows.put(agent.id(), agent);
        cut.resume();
    }

    /** Commits a change to the agent's row, as the registry's transaction would. */
    void disableInDatabase() {
        Agent changed = rows.get(agent.id()).detachedCopy();
        changed.disable();
        rows.put(agent.id(), changed);
    }

    AgentStatus statusNow() {
        return cut.find(agent.id()).orElseThrow().status();
    }

    @Test
    void readsTheDatabaseOnceWhileTheAgentIsUnchanged() {
        for (int i = 0; i < 5; i++) {
            assertEquals(AgentStatus.ACTIVE, statusNow());
        }

        assertEquals(1, reads.get());
    }

    @Test
    void aChangeCommittedOnThisNodeIsSeenByTheNextRead() {
        statusNow();
        disableInDatabase();

        cut.changed(new AgentChanged(agent.id()));

        assertEquals(AgentStatus.DISABLED, statusNow());
    }

    @Test
    void aChangeReportedByAnotherNodeIsSeenByTheNextRead() {
        statusNow();
        disableInDatabase();

        cut.invalidate(agent.id());

        assertEquals(AgentStatus.DISABLED, statusNow());
    }

    @Test
    void anUnreportedChangeIsSeenOnceTheEntryExpires() {
        statusNow();
        disableInDatabase();
        cut.clock = Clock.fixed(NOW.plus(Duration.ofMillis(9_999)), ZoneOffset.UTC);
        assertEquals(AgentStatus.ACTIVE, statusNow(), "still within agents.cache.ttl");

        cut.clock = Clock.fixed(NOW.plus(Duration.ofSeconds(10)), ZoneOffset.UTC);

        assertEquals(AgentStatus.DISABLED, statusNow());
    }

    @Test
    void keepsNothingUntilResumed() {
        cut = newDirectory();

        statusNow();
        statusNow();

        assertFalse(cut.isServing());
        assertEquals(2, reads.get());
    }

    @Test
    void suspendingForgetsEverythingAndKeepsNothing() {
        statusNow();
        disableInDatabase();

        cut.suspend();

        assertEquals(AgentStatus.DISABLED, statusNow());
        statusNow();
        assertEquals(3, reads.get(), "every read went to the database");
    }

    @Test
    void aReadThatRacedWithAChangeIsNotKept() {
        // The read returns the state before the change; the change's invalidation lands while
        // the read is in flight. Keeping the read would keep the old state for the whole TTL.
        cut.database =
                id -> {
                    reads.incrementAndGet();
                    Agent before = rows.get(id).detachedCopy();
                    if (reads.get() == 1) {
                        disableInDatabase();
                        cut.invalidate(id);
                    }
                    return before;
                };

        assertEquals(AgentStatus.ACTIVE, statusNow(), "the racing read itself");

        assertEquals(AgentStatus.DISABLED, statusNow());
        assertEquals(2, reads.get());
    }

    @Test
    void aReadThatRacedWithResumingIsNotKept() {
        cut = newDirectory();
        cut.database =
                id -> {
                    reads.incrementAndGet();
                    Agent before = rows.get(id).detachedCopy();
                    if (reads.get() == 1) {
                        cut.resume();
                    }
                    return before;
                };

        statusNow();
        statusNow();

        assertEquals(2, reads.get());
    }

    @Test
    void everyCallerGetsItsOwnCopy() {
        Agent first = cut.find(agent.id()).orElseThrow();
        first.disable();

        Agent second = cut.find(agent.id()).orElseThrow();

        assertNotSame(first, second);
        assertEquals(AgentStatus.ACTIVE, second.status());
        assertEquals(1, reads.get());
    }

    @Test
    void copiesShareTheDecodedKey() {
        AgentPublicKey key = cut.find(agent.id()).orElseThrow().currentKey(NOW).orElseThrow();

        assertSame(key, cut.find(agent.id()).orElseThrow().currentKey(NOW).orElseThrow());
    }

    @Test
    void aDeletedAgentIsGoneAfterItsChange() {
        statusNow();
        rows.remove(agent.id());

        cut.changed(new AgentChanged(agent.id()));

        assertEquals(Optional.empty(), cut.find(agent.id()));
    }

    @Test
    void malformedIdsNeverReachTheDatabase() {
        assertEquals(Optional.empty(), cut.find(null));
        assertEquals(Optional.empty(), cut.find("'; DROP TABLE agent; --"));
        assertEquals(Optional.empty(), cut.find(agent.id().toUpperCase()));

        assertEquals(0, reads.get());
    }

    @Test
    void aZeroTtlTurnsTheCacheOff() {
        cut.ttl = Duration.ZERO;

        statusNow();
        statusNow();

        assertTrue(cut.isServing());
        assertEquals(2, reads.get());
    }

    private AgentDirectory newDirectory() {
        AgentDirectory fresh = new AgentDirectory();
        fresh.ttl = cut.ttl;
        fresh.clock = cut.clock;
        fresh.database = cut.database;
        return fresh;
    }
}
