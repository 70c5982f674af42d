package dev.sigil.tokens.boundary;

import dev.sigil.tokens.entity.UsedAssertion;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Keeps the replay table small: the token endpoint's {@code IssueJournal} records client-assertion
 * ids there; this forgets them once their assertions have expired.
 */
@Stateless
public class ReplayGuard {

    @PersistenceContext EntityManager em;

    /**
     * Forgets ids whose assertions have expired; every node runs it, which is harmless. Every
     * minute, not every five: each run then deletes a minute of ids, and under sustained load a
     * five-minute delete was a burst of database work that showed in the token rate. The table has
     * no index on the expiry (see V005): the delete scans it once.
     */
    @Schedule(minute = "*", hour = "*", persistent = false)
    public void purge() {
        em.createNamedQuery(UsedAssertion.PURGE).setParameter("now", Instant.now()).executeUpdate();
    }
}
