/**
 * Messaging: the broker and the JMS resources every other part uses, defined in one place.
 *
 * <p>Operations: start an embedded ActiveMQ Artemis broker when no external broker is configured,
 * hand out the connection factory, name the destinations, tell whether the broker is reachable.
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
 * </ul>
 *
 * <p>Decisions: a plain Artemis connection factory instead of the resource adapter, because the
 * adapter needs a RAR deployed beside the application on every server, and Payara Micro cannot
 * deploy an EAR that would carry it. {@link dev.sigil.messaging.control.Destination} is the single
 * list of addresses; the broker.xml for external brokers in {@code server-config/} is checked
 * against it by a test.
 *
 * <p>May use: platform.
 */
package dev.sigil.messaging;
