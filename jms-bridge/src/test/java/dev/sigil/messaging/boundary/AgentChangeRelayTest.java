package dev.sigil.messaging.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.agents.control.ObservedDirectory;
import dev.sigil.agents.entity.Agent;
import dev.sigil.agents.entity.AgentChanged;
import dev.sigil.agents.entity.AgentPublicKey;
import dev.sigil.agents.entity.AgentStatus;
import dev.sigil.agents.entity.KeyType;
import dev.sigil.messaging.control.BrokerConfiguration;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' relays and agent caches over one real Artemis broker (the embedded configuration, over
 * TCP): a change on one node reaches the other's cache, and a lost broker turns the caches off.
 */
class AgentChangeRelayTest {

    @TempDir Path data;

    int port;
    EmbeddedActiveMQ broker;

    /** The database both nodes share. */
    final Map<String, Agent> rows = new ConcurrentHashMap<>();

    ObservedDirectory cacheA;
    ObservedDirectory cacheB;
    AgentChangeRelay nodeA;
    AgentChangeRelay nodeB;
    Agent agent;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        startBroker();
        Instant now = Instant.now();
        agent =
                Agent.withSuppliedKey(
                        "edge-1",
                        new AgentPublicKey(
                                KeyType.ED25519,
                                KeyPairGenerator.getInstance("Ed25519")
                                        .generateKeyPair()
                                        .getPublic()),
                        now.plus(Duration.ofDays(1)),
                        now,
                        "test");
        rows.put(agent.id(), agent);
        cacheA = new ObservedDirectory(rows);
        cacheB = new ObservedDirectory(rows);
        nodeA = relay(cacheA);
        nodeB = relay(cacheB);
    }

    @AfterEach
    void stop() throws Exception {
        nodeA.stop();
        nodeB.stop();
        broker.stop();
    }

    void startBroker() throws Exception {
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(BrokerConfiguration.embedded(data, "127.0.0.1", port));
        broker.start();
    }

    AgentChangeRelay relay(ObservedDirectory cache) throws InterruptedException {
        AgentChangeRelay relay = new AgentChangeRelay();
        relay.directory = cache;
        ActiveMQConnectionFactory factory =
                new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        relay.connectionFactory = () -> factory;
        relay.start();
        assertEquals("*resumed", cache.told.poll(10, TimeUnit.SECONDS));
        return relay;
    }

    /** Node A disables the agent: commits, applies it to its own cache, then publishes. */
    void disableOnNodeA() {
        Agent changed = rows.get(agent.id()).detachedCopy();
        changed.disable();
        rows.put(agent.id(), changed);
        cacheA.committed(agent.id());
        nodeA.publish(new AgentChanged(agent.id()));
    }

    @Test
    void aChangeOnOneNodeReachesTheOthersCache() throws Exception {
        assertEquals(AgentStatus.ACTIVE, cacheB.find(agent.id()).orElseThrow().status());
        assertEquals(AgentStatus.ACTIVE, cacheA.find(agent.id()).orElseThrow().status());

        disableOnNodeA();

        assertEquals(agent.id(), cacheB.told.poll(10, TimeUnit.SECONDS));
        assertEquals(AgentStatus.DISABLED, cacheB.find(agent.id()).orElseThrow().status());
        assertEquals(AgentStatus.DISABLED, cacheA.find(agent.id()).orElseThrow().status());
    }

    @Test
    void aNodeDoesNotHearItsOwnChanges() throws Exception {
        nodeA.publish(new AgentChanged(agent.id()));
        assertEquals(agent.id(), cacheB.told.poll(10, TimeUnit.SECONDS));

        nodeB.publish(new AgentChanged("b-change"));

        // B heard A's change, so the broker had routed it to every subscription before B's
        // change existed; A's subscription is first in, first out: had A heard its own change,
        // it would come first.
        assertEquals("b-change", cacheA.told.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void losingTheBrokerTurnsTheCachesOffUntilItIsBack() throws Exception {
        cacheB.find(agent.id());

        broker.stop();

        assertEquals("*suspended", cacheA.told.poll(30, TimeUnit.SECONDS));
        assertEquals("*suspended", cacheB.told.poll(30, TimeUnit.SECONDS));
        assertFalse(cacheB.isServing());
        assertFalse(nodeB.isSubscribed());
        // A change that cannot be published is still seen by B, which now reads the database.
        disableOnNodeA();
        assertEquals(AgentStatus.DISABLED, cacheB.find(agent.id()).orElseThrow().status());

        startBroker();
        nodeA.watch();
        nodeB.watch();

        assertTrue(nodeA.isSubscribed());
        assertTrue(nodeB.isSubscribed());
        assertTrue(cacheB.isServing());
        cacheB.told.clear();
        nodeA.publish(new AgentChanged(agent.id()));
        assertEquals(agent.id(), cacheB.told.poll(10, TimeUnit.SECONDS));
    }
}
