package dev.sigil.messaging.control;

/** Every address Sigil uses. Each is an anycast address with one queue of the same name. */
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
    EXPIRED("sigil.expired");

    private final String address;

    Destination(String address) {
        this.address = address;
    }

    public String address() {
        return address;
    }
}
