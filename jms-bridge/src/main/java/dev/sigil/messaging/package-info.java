/**
 * Messaging: the broker and the JMS resources every other part uses, defined in one place.
 *
 * <p>Operations: start an embedded ActiveMQ Artemis broker when no external broker is configured,
 * hand out the connection factory, name the destinations, tell whether the broker is reachable,
 * relay agent changes between nodes.
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li>R4.1 Without {@code sigil.broker.url} (environment {@code SIGIL_BROKER_URL}), Sigil runs an
 *       embedded Artemis broker in-process: persistent journal under the data directory, one CORE
 *       acceptor on loopback ({@code sigil.broker.port}, default 61616), no AMQP, MQTT or STOMP.
 *   <li>R4.2 Every address is declared explicitly, each with a dead-letter address and {@code
 *       max-delivery-attempts}; nothing is auto-created.
 *   <li>R4.3 With {@code sigil.broker.url}, Sigil connects to that broker with the Artemis Jakarta
 *       client and starts none of its own.
 *   <li>R4.4 Every change to an agent that a node commits is published to the multicast address
 *       {@code sigil.agent-changes} (non-persistent, one minute to live) and reaches every other
 *       subscribed node's agent cache; a node does not receive its own. The cache is on only while
 *       the node is subscribed: it goes off the moment the connection fails, and a check every five
 *       seconds subscribes again ({@link dev.sigil.messaging.boundary.AgentChangeRelay}).
 * </ul>
 *
 * <p>Decisions: a plain Artemis connection factory instead of the resource adapter, because the
 * adapter needs a RAR deployed beside the application on every server, and Payara Micro cannot
 * deploy an EAR that would carry it. {@link dev.sigil.messaging.control.Destination} is the single
 * list of addresses; the broker.xml for external brokers in {@code server-config/} is checked
 * against it by a test.
 *
 * <p>Decisions (agent changes): non-persistent messages on a multicast address with a temporary
 * queue per node, not a durable subscription: a node that was away has no cache to correct (it was
 * off), so nothing needs to wait for it; persistence would only add a journal write per change.
 *
 * <p>May use: platform, agents (the agent cache and its change event).
 */
package dev.sigil.messaging;
