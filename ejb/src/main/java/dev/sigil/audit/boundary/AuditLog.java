package dev.sigil.audit.boundary;

import dev.sigil.audit.control.AuditChain;
import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.audit.entity.AuditEvent;
import dev.sigil.audit.entity.AuditHead;
import dev.sigil.audit.entity.AuditPage;
import dev.sigil.audit.entity.AuditQuery;
import dev.sigil.audit.entity.Verification;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit log: append, query and verify. */
@Stateless
public class AuditLog {

    static final int VERIFY_PAGE = 500;

    @PersistenceContext EntityManager em;

    @Inject AuditChain chain;

    Clock clock = Clock.systemUTC();

    /** Records an event as part of the caller's transaction: it exists only if the action does. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public AuditEvent record(AuditEntry entry) {
        return append(entry);
    }

    /**
     * Records an event in a transaction of its own, for denials and failures whose caller rolls
     * back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AuditEvent recordIndependently(AuditEntry entry) {
        return append(entry);
    }

    private AuditEvent append(AuditEntry entry) {
        AuditHead head = em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
        AuditEvent event =
                new AuditEvent(
                        head.lastSeq() + 1,
                        Instant.now(clock).truncatedTo(ChronoUnit.MILLIS),
                        entry,
                        head.lastHash());
        event.seal(chain.hash(event));
        em.persist(event);
        head.advance(event);
        return event;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AuditPage query(AuditQuery query) {
        Map<String, Object> filters = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (query.agentId() != null) {
            where.append(" AND e.agentId = :agentId");
            filters.put("agentId", query.agentId());
        }
        if (query.action() != null) {
            where.append(" AND e.action = :action");
            filters.put("action", query.action());
        }
        TypedQuery<Long> count =
                em.createQuery("SELECT COUNT(e) FROM AuditEvent e" + where, Long.class);
        filters.forEach(count::setParameter);
        long total = count.getSingleResult();

        if (query.before() != null) {
            where.append(" AND e.seq < :before");
            filters.put("before", query.before());
        }
        TypedQuery<AuditEvent> select =
                em.createQuery(
                        "SELECT e FROM AuditEvent e" + where + " ORDER BY e.seq DESC",
                        AuditEvent.class);
        filters.forEach(select::setParameter);
        List<AuditEvent> events = select.setMaxResults(query.limit()).getResultList();
        return new AuditPage(events, total, query.limit());
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Verification verify() {
        AuditHead head = em.find(AuditHead.class, AuditHead.ID);
        AuditChain.Verifier verifier = chain.verifier();
        long after = 0;
        while (true) {
            List<AuditEvent> page =
                    em.createNamedQuery(AuditEvent.AFTER, AuditEvent.class)
                            .setParameter("after", after)
                            .setMaxResults(VERIFY_PAGE)
                            .getResultList();
            for (AuditEvent event : page) {
                if (!verifier.check(event)) {
                    return verifier.result(head.lastSeq(), head.lastHash());
                }
            }
            if (page.size() < VERIFY_PAGE) {
                return verifier.result(head.lastSeq(), head.lastHash());
            }
            after = verifier.lastSeq();
            em.clear();
        }
    }
}
