package dev.sigil.messaging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumSet;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker's configuration on a real Artemis broker, over its TCP acceptor. */
class EmbeddedBrokerTest {

    @TempDir Path data;

    EmbeddedActiveMQ cut;
    ActiveMQConnectionFactory factory;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        cut = new EmbeddedActiveMQ();
        cut.setConfiguration(BrokerConfiguration.embedded(data, "127.0.0.1", port));
        cut.start();
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
    }

    @AfterEach
    void stop() throws Exception {
        factory.close();
        cut.stop();
    }

    @Test
    void jobSentIsReceivedThroughTheBroker() {
        try (JMSContext context = factory.createContext()) {
            Queue jobs = context.createQueue(Destination.JOBS.address());
            context.createProducer().send(jobs, "{\"type\":\"connection-test\"}");
            try (JMSConsumer consumer = context.createConsumer(jobs)) {
                Message received = consumer.receive(10_000);
                assertNotNull(received);
                assertEquals("{\"type\":\"connection-test\"}", ((TextMessage) received).getText());
            } catch (jakarta.jms.JMSException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void messageRolledBackTooOftenLandsOnTheDeadLetterAddress() throws Exception {
        try (JMSContext producer = factory.createContext()) {
            producer.createProducer()
                    .send(producer.createQueue(Destination.JOBS.address()), "poison");
        }
        try (JMSContext session = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            JMSConsumer consumer =
                    session.createConsumer(session.createQueue(Destination.JOBS.address()));
            for (int attempt = 1; attempt <= BrokerConfiguration.MAX_DELIVERY_ATTEMPTS; attempt++) {
                Message delivery = consumer.receive(5_000);
                assertNotNull(delivery, "delivery " + attempt);
                assertEquals(attempt, delivery.getIntProperty("JMSXDeliveryCount"));
                session.rollback();
            }
            assertNull(consumer.receiveNoWait(), "not delivered a sixth time");
            consumer.close();
        }
        try (JMSContext context = factory.createContext()) {
            Message dead =
                    context.createConsumer(context.createQueue(Destination.DEAD_LETTERS.address()))
                            .receive(10_000);
            assertNotNull(dead);
            assertEquals("poison", ((TextMessage) dead).getText());
        }
    }

    @Test
    void everyDestinationIsDeclaredWithItsDeadLetterAddress() {
        for (Destination destination : Destination.values()) {
            SimpleString name = SimpleString.of(destination.address());
            if (destination.isBroadcast()) {
                assertEquals(
                        EnumSet.of(RoutingType.MULTICAST),
                        cut.getActiveMQServer().getAddressInfo(name).getRoutingTypes(),
                        destination.address());
            } else {
                assertNotNull(cut.getActiveMQServer().locateQueue(name), destination.address());
            }
            AddressSettings settings =
                    cut.getActiveMQServer()
                            .getAddressSettingsRepository()
                            .getMatch(destination.address());
            assertEquals(
                    Destination.DEAD_LETTERS.address(), settings.getDeadLetterAddress().toString());
            assertEquals(
                    BrokerConfiguration.MAX_DELIVERY_ATTEMPTS, settings.getMaxDeliveryAttempts());
            assertFalse(settings.isAutoCreateQueues());
        }
    }
}
