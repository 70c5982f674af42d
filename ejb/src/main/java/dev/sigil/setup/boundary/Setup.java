package dev.sigil.setup.boundary;

import dev.sigil.apikeys.boundary.ApiKeyRegistry;
import dev.sigil.apikeys.entity.IssuedApiKey;
import dev.sigil.apikeys.entity.Role;
import dev.sigil.audit.boundary.AuditLog;
import dev.sigil.audit.entity.Actor;
import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.platform.control.Secrets;
import dev.sigil.setup.control.InvalidSetupTokenException;
import dev.sigil.setup.control.SetupCompletedException;
import dev.sigil.setup.control.SetupTokenFile;
import dev.sigil.setup.entity.SetupState;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;

/** Completes setup: spends the one-time token and creates the first admin API key. */
@Stateless
public class Setup {

    static final String FIRST_KEY_NAME = "first admin (setup)";
    private static final Logger LOG = System.getLogger(Setup.class.getName());

    @PersistenceContext EntityManager em;

    @EJB ApiKeyRegistry apiKeys;

    @EJB AuditLog audit;

    @Inject SetupTokenFile tokenFile;

    public IssuedApiKey complete(String setupToken, String clientAddress) {
        int consumed =
                em.createNamedQuery(SetupState.CONSUME)
                        .setParameter("now", Instant.now())
                        .setParameter("hash", Secrets.sha256Hex(setupToken))
                        .executeUpdate();
        if (consumed != 1) {
            SetupState state = em.find(SetupState.class, SetupState.ID);
            boolean completed = state == null || state.isCompleted();
            audit.recordIndependently(
                    AuditEntry.denied(
                            Actor.anonymous(dev.sigil.audit.entity.ActorType.SYSTEM),
                            "setup:complete",
                            "setup",
                            (completed ? "setup already completed" : "invalid setup token")
                                    + " from "
                                    + clientAddress));
            throw completed ? new SetupCompletedException() : new InvalidSetupTokenException();
        }
        IssuedApiKey issued = apiKeys.create(FIRST_KEY_NAME, Role.ADMIN, null, Actor.SYSTEM);
        audit.record(
                AuditEntry.allowed(
                        Actor.SYSTEM,
                        "setup:complete",
                        "apikey:" + issued.key().id(),
                        "first admin key created from " + clientAddress));
        try {
            tokenFile.delete();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Setup completed, but the spent token file stays: {0}", e);
        }
        return issued;
    }
}
