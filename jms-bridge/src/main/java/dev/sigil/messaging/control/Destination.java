package dev.sigil.messaging.control;

/**
 * Every address Sigil uses. A queue address is anycast, with one durable queue of the same name; a
 * broadcast address is multicast and has no queue of its own: each subscriber brings a temporary
 * one.
 */
public enum Destination {
    /** Jobs dispatched to agents. */
    JOBS("sigil.jobs"),
    /** Results that agents returned. */
    JOB_RESULTS("sigil.job-results"),
    /**
     * Where messages go after {@link BrokerConfiguration#MAX_DELIVERY_ATTEMPTS} failed deliveries.
     */
    DEAD_LETTERS("sigil.dead-letters"),
    /** Where expired messages go. */
    EXPIRED("sigil.expired"),
    /**
     * Broadcast: the id of an agent that changed, from the node that changed it to every other
     * node's agent cache.
     */
    AGENT_CHANGES("sigil.agent-changes", true);

    private final String address;
    private final boolean broadcast;

    Destination(String address) {
        this(address, false);
    }

    Destination(String address, boolean broadcast) {
        this.address = address;
        this.broadcast = broadcast;
    }

    public String address() {
        return address;
    }

    /** Whether this is a multicast address (a topic) rather than a queue. */
    public boolean isBroadcast() {
        return broadcast;
    }
}
