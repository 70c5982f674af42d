package dev.sigil.tokens.boundary;

import dev.sigil.tokens.control.InvalidClientAssertionException;
import dev.sigil.tokens.entity.AssertionReplay;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Remembers client-assertion ids in the database, in a transaction of its own, so that a second use
 * fails on any node: the insert of an id already there violates the primary key.
 */
@Stateless
public class ReplayGuard {

    @PersistenceContext EntityManager em;

    /**
     * Records the id. Throws if it was recorded before ({@link InvalidClientAssertionException},
     * or, when two nodes race, the primary key's violation as an EJB exception): the caller treats
     * any failure as a replay, so the check never fails open.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void remember(String id, Instant expiresAt) {
        if (em.find(AssertionReplay.class, id) != null) {
            throw new InvalidClientAssertionException(
                    InvalidClientAssertionException.Reason.REPLAYED);
        }
        em.persist(new AssertionReplay(id, expiresAt));
        em.flush();
    }

    /** Forgets ids whose assertions have expired; every node runs it, which is harmless. */
    @Schedule(minute = "*/5", hour = "*", persistent = false)
    public void purge() {
        em.createNamedQuery(AssertionReplay.PURGE)
                .setParameter("now", Instant.now())
                .executeUpdate();
    }
}
