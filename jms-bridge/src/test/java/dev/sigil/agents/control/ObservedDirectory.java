package dev.sigil.agents.control;

import dev.sigil.agents.entity.Agent;
import dev.sigil.agents.entity.AgentChanged;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real {@link AgentDirectory} over an in-memory table, for tests outside its package, that also
 * reports what it was told, so that tests can wait for a message instead of sleeping.
 */
public class ObservedDirectory extends AgentDirectory {

    /** Every invalidated agent id, and {@code "*suspended"} and {@code "*resumed"}, in order. */
    public final BlockingQueue<String> told = new LinkedBlockingQueue<>();

    public ObservedDirectory(Map<String, Agent> rows) {
        ttl = Duration.ofMinutes(1);
        database =
                id -> {
                    Agent row = rows.get(id);
                    return row == null ? null : row.detachedCopy();
                };
    }

    /** What the registry's transaction on this node does when it completes. */
    public void committed(String agentId) {
        changed(new AgentChanged(agentId));
    }

    @Override
    public void invalidate(String id) {
        super.invalidate(id);
        told.add(id);
    }

    @Override
    public void suspend() {
        super.suspend();
        told.add("*suspended");
    }

    @Override
    public void resume() {
        super.resume();
        told.add("*resumed");
    }
}
