package dev.sigil.audit.entity;

import java.util.Objects;

/** The party that performed an audited action. */
public record Actor(ActorType type, String id) {

    public static final Actor SYSTEM = new Actor(ActorType.SYSTEM, "sigil");

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /** An actor that could not be identified (a denied request without a valid credential). */
    public static Actor anonymous(ActorType type) {
        return new Actor(type, "anonymous");
    }

    /** The agent with this id, or an anonymous agent when the id is not known. */
    public static Actor agent(String agentIdOrNull) {
        return agentIdOrNull == null
                ? anonymous(ActorType.AGENT)
                : new Actor(ActorType.AGENT, agentIdOrNull);
    }
}
