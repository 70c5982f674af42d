package dev.sigil.messaging.boundary;

import dev.sigil.agents.control.AgentDirectory;
import dev.sigil.agents.entity.AgentChanged;
import dev.sigil.messaging.control.Destination;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Carries agent changes between nodes (R4.4): publishes each change this node commits to {@link
 * Destination#AGENT_CHANGES}, and hands every change another node publishes to this node's {@link
 * AgentDirectory}. The directory caches only while the subscription stands: it is resumed once
 * subscribed and suspended the moment the connection fails; a check every few seconds subscribes
 * again.
 */
@Singleton
@Startup
@DependsOn("Broker")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AgentChangeRelay {

    private static final Logger LOG = System.getLogger(AgentChangeRelay.class.getName());

    /** The message property naming the node that published a change. */
    static final String NODE = "sigilNode";

    /** A change older than this helps no one: every cache entry has expired by then. */
    static final long TIME_TO_LIVE_MS = 60_000;

    @EJB Broker broker;

    @Inject AgentDirectory directory;

    Supplier<ConnectionFactory> connectionFactory = () -> broker.connectionFactory();

    /** This node, so that it skips its own changes: it applied them when they committed. */
    final String node = UUID.randomUUID().toString();

    private final Object lock = new Object();
    private JMSContext subscription;
    private JMSContext publishing;
    private JMSProducer producer;
    private Topic topic;
    private volatile boolean connected;

    @PostConstruct
    void start() {
        subscribe();
    }

    @PreDestroy
    void stop() {
        directory.suspend();
        synchronized (lock) {
            close();
        }
    }

    /** Subscribes again after a failure; a no-op while subscribed. */
    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    public void watch() {
        if (!connected) {
            subscribe();
        }
    }

    /** Whether changes from other nodes reach this node now. */
    public boolean isSubscribed() {
        return connected;
    }

    /** Tells the other nodes, once this node's change has committed. */
    public void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) AgentChanged change) {
        synchronized (lock) {
            if (connected) {
                try {
                    producer.send(topic, change.agentId());
                    return;
                } catch (JMSRuntimeException e) {
                    lost(e);
                }
            }
        }
        LOG.log(
                Level.WARNING,
                "Could not tell other nodes that agent {0} changed; their caches forget it"
                        + " within agents.cache.ttl",
                change.agentId());
    }

    private void subscribe() {
        synchronized (lock) {
            if (connected) {
                return;
            }
            close();
            try {
                subscription = connectionFactory.get().createContext(JMSContext.AUTO_ACKNOWLEDGE);
                subscription.setExceptionListener(this::lost);
                topic = subscription.createTopic(Destination.AGENT_CHANGES.address());
                subscription
                        .createConsumer(topic, NODE + " <> '" + node + "'")
                        .setMessageListener(this::received);
                publishing = subscription.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                producer =
                        publishing
                                .createProducer()
                                .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                                .setTimeToLive(TIME_TO_LIVE_MS)
                                .setProperty(NODE, node);
                connected = true;
            } catch (JMSRuntimeException e) {
                close();
                LOG.log(
                        Level.WARNING,
                        "Agent changes of other nodes cannot be received ({0}); agents are read"
                                + " from the database on every request until the broker is back",
                        e.getMessage());
                return;
            }
        }
        directory.resume();
        if (!connected) {
            // Lost again while resuming: whoever noticed suspended first, so suspend again.
            directory.suspend();
            return;
        }
        LOG.log(Level.INFO, "Subscribed to agent changes of other nodes; agent cache on");
    }

    private void received(Message message) {
        try {
            directory.invalidate(message.getBody(String.class));
        } catch (JMSException | RuntimeException e) {
            // Unreadable: forget everything rather than keep what might have changed.
            directory.invalidateAll();
        }
    }

    private void lost(Exception cause) {
        connected = false;
        directory.suspend();
        LOG.log(
                Level.WARNING,
                "Lost the subscription to agent changes ({0}); agent cache off until it is back",
                cause.getMessage());
    }

    private void close() {
        connected = false;
        for (JMSContext context : new JMSContext[] {publishing, subscription}) {
            if (context != null) {
                try {
                    context.close();
                } catch (JMSRuntimeException e) {
                    LOG.log(Level.DEBUG, "Closing a failed JMS context", e);
                }
            }
        }
        publishing = null;
        subscription = null;
        producer = null;
    }
}
