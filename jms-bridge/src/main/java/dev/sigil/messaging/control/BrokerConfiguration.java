package dev.sigil.messaging.control;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/** The embedded broker's configuration (R4.1, R4.2), built in code so it needs no file on disk. */
public final class BrokerConfiguration {

    public static final int MAX_DELIVERY_ATTEMPTS = 5;
    public static final long REDELIVERY_DELAY_MS = 1_000;
    public static final String IN_VM_URL = "vm://0";

    private BrokerConfiguration() {}

    public static Configuration embedded(Path dataDirectory, String host, int port) {
        Path dir = dataDirectory.resolve("broker");
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("sigil-embedded");
        config.setPersistenceEnabled(true);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dir.resolve("large-messages").toString());
        config.setNodeManagerLockDirectory(dir.toString());
        config.setAddressQueueScanPeriod(30_000);
        try {
            config.addAcceptorConfiguration("in-vm", IN_VM_URL);
            config.addAcceptorConfiguration(
                    "core", "tcp://" + host + ":" + port + "?protocols=CORE");
        } catch (Exception e) {
            throw new IllegalStateException("Invalid acceptor for " + host + ":" + port, e);
        }
        config.addAddressSetting(
                "sigil.#",
                new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(Destination.DEAD_LETTERS.address()))
                        .setExpiryAddress(SimpleString.of(Destination.EXPIRED.address()))
                        .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                        .setRedeliveryDelay(REDELIVERY_DELAY_MS)
                        .setAutoCreateAddresses(false)
                        .setAutoCreateQueues(false)
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
        for (Destination destination : Destination.values()) {
            if (destination.isBroadcast()) {
                config.addAddressConfiguration(
                        new CoreAddressConfiguration()
                                .setName(destination.address())
                                .addRoutingType(RoutingType.MULTICAST));
                continue;
            }
            config.addAddressConfiguration(
                    new CoreAddressConfiguration()
                            .setName(destination.address())
                            .addRoutingType(RoutingType.ANYCAST)
                            .addQueueConfiguration(
                                    QueueConfiguration.of(destination.address())
                                            .setRoutingType(RoutingType.ANYCAST)
                                            .setDurable(true)));
        }
        return config;
    }
}
