package dev.sigil.serverconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.messaging.control.BrokerConfiguration;
import dev.sigil.messaging.control.Destination;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The broker.xml for external brokers declares exactly the addresses of {@link Destination}, with
 * the same dead-letter handling as the embedded broker ({@link BrokerConfiguration}).
 */
class BrokerXmlTest {

    private static final String CORE = "urn:activemq:core";
    private static final String BROKER_XML = "/sigil/artemis/broker.xml";

    Element core;

    @BeforeEach
    void parse() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        try (InputStream in = BrokerXmlTest.class.getResourceAsStream(BROKER_XML)) {
            assertNotNull(in, BROKER_XML + " is not on the class path");
            Document document = factory.newDocumentBuilder().parse(in);
            core = child(document.getDocumentElement(), "core").orElseThrow();
        }
    }

    @Test
    void declaresEveryQueueAsAnycastAddressWithQueueOfSameName() {
        for (Destination destination : Destination.values()) {
            if (destination.isBroadcast()) {
                continue;
            }
            String name = destination.address();
            Element address = address(name);
            Element anycast =
                    child(address, "anycast")
                            .orElseThrow(() -> new AssertionError(name + " is not anycast"));
            assertEquals(
                    List.of(name),
                    children(anycast, "queue").stream().map(q -> q.getAttribute("name")).toList(),
                    "queues of " + name);
            assertEquals(Optional.empty(), child(address, "multicast"), name + " is multicast");
        }
    }

    @Test
    void declaresEveryBroadcastAsMulticastAddressWithoutQueues() {
        for (Destination destination : Destination.values()) {
            if (!destination.isBroadcast()) {
                continue;
            }
            String name = destination.address();
            Element address = address(name);
            Element multicast =
                    child(address, "multicast")
                            .orElseThrow(() -> new AssertionError(name + " is not multicast"));
            assertEquals(List.of(), children(multicast, "queue"), "queues of " + name);
            assertEquals(Optional.empty(), child(address, "anycast"), name + " is anycast");
        }
    }

    private Element address(String name) {
        return children(child(core, "addresses").orElseThrow(), "address").stream()
                .filter(a -> name.equals(a.getAttribute("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no address " + name));
    }

    @Test
    void declaresNoAddressSigilDoesNotUse() {
        Set<String> declared =
                children(child(core, "addresses").orElseThrow(), "address").stream()
                        .map(a -> a.getAttribute("name"))
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> used =
                Stream.of(Destination.values())
                        .map(Destination::address)
                        .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(used, declared);
    }

    @Test
    void handlesFailedAndExpiredMessagesAsTheEmbeddedBrokerDoes() {
        Element setting =
                children(child(core, "address-settings").orElseThrow(), "address-setting").stream()
                        .filter(s -> "sigil.#".equals(s.getAttribute("match")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no address-setting for sigil.#"));

        assertEquals(Destination.DEAD_LETTERS.address(), text(setting, "dead-letter-address"));
        assertEquals(Destination.EXPIRED.address(), text(setting, "expiry-address"));
        assertEquals(
                String.valueOf(BrokerConfiguration.MAX_DELIVERY_ATTEMPTS),
                text(setting, "max-delivery-attempts"));
        assertEquals(
                String.valueOf(BrokerConfiguration.REDELIVERY_DELAY_MS),
                text(setting, "redelivery-delay"));
        assertEquals("PAGE", text(setting, "address-full-policy"));
        assertEquals("false", text(setting, "auto-create-queues"));
        assertEquals("false", text(setting, "auto-create-addresses"));
    }

    @Test
    void isValidAgainstTheArtemisSchema() throws Exception {
        // The schema Artemis itself validates the core element against when it loads broker.xml.
        URL xsd = BrokerConfiguration.class.getResource("/schema/artemis-configuration.xsd");
        assertNotNull(xsd, "artemis-server is not on the test class path");

        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(xsd)
                .newValidator()
                .validate(new DOMSource(core));
    }

    private static String text(Element parent, String name) {
        return child(parent, name)
                .map(e -> e.getTextContent().strip())
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    private static Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertTrue(found.size() <= 1, "more than one " + name + " in " + parent.getLocalName());
        return found.stream().findFirst();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element
                    && CORE.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}
