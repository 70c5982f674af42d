package dev.sigil.messaging.boundary;

import dev.sigil.messaging.control.BrokerConfiguration;
import dev.sigil.platform.control.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The broker Sigil talks to: an embedded Artemis broker started here (R4.1), or the external one
 * named by {@code sigil.broker.url} (R4.3).
 */
@Singleton
@Startup
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Broker {

    private static final Logger LOG = System.getLogger(Broker.class.getName());

    @Inject DataDirectory dataDirectory;

    @Inject
    @ConfigProperty(name = "sigil.broker.url")
    Optional<String> externalUrl;

    @Inject
    @ConfigProperty(name = "sigil.broker.host", defaultValue = "127.0.0.1")
    String host;

    @Inject
    @ConfigProperty(name = "sigil.broker.port", defaultValue = "61616")
    int port;

    private EmbeddedActiveMQ embedded;
    private ActiveMQConnectionFactory connectionFactory;

    @PostConstruct
    void start() {
        Optional<String> url = externalUrl.filter(u -> !u.isBlank());
        if (url.isPresent()) {
            connectionFactory = new ActiveMQConnectionFactory(url.get());
            LOG.log(Level.INFO, "Using the external broker configured by sigil.broker.url");
            return;
        }
        embedded = new EmbeddedActiveMQ();
        embedded.setConfiguration(BrokerConfiguration.embedded(dataDirectory.path(), host, port));
        try {
            embedded.start();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "The embedded broker could not start on " + host + ":" + port, e);
        }
        connectionFactory = new ActiveMQConnectionFactory(BrokerConfiguration.IN_VM_URL);
        LOG.log(Level.INFO, "Embedded Artemis broker listening on {0}:{1,number,#}", host, port);
    }

    @PreDestroy
    void stop() {
        if (connectionFactory != null) {
            connectionFactory.close();
        }
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "The embedded broker did not stop cleanly", e);
            }
        }
    }

    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /** True when a JMS connection to the broker can be opened now. */
    public boolean isReachable() {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer();
            return true;
        } catch (JMSRuntimeException e) {
            return false;
        }
    }
}
