package dev.sigil.setup.boundary;

import dev.sigil.apikeys.boundary.ApiKeyRegistry;
import dev.sigil.audit.boundary.AuditLog;
import dev.sigil.audit.entity.Actor;
import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.platform.control.PublicUrl;
import dev.sigil.platform.control.Secrets;
import dev.sigil.setup.control.SetupTokenFile;
import dev.sigil.setup.entity.SetupState;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;

/** At start, while setup is pending, makes sure a one-time setup token is on disk (R2.4). */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class SetupTokenIssuer {

    private static final Logger LOG = System.getLogger(SetupTokenIssuer.class.getName());

    @PersistenceContext EntityManager em;

    @EJB ApiKeyRegistry apiKeys;

    @EJB AuditLog audit;

    @Inject SetupTokenFile tokenFile;

    @Inject PublicUrl publicUrl;

    @PostConstruct
    void issue() {
        SetupState state = em.find(SetupState.class, SetupState.ID);
        if (apiKeys.anyExists() || (state != null && state.isCompleted())) {
            if (tokenFile.exists()) {
                tokenFile.delete();
            }
            return;
        }
        if (state == null || !tokenFile.exists()) {
            String token = Secrets.random("");
            String hash = Secrets.sha256Hex(token);
            Instant now = Instant.now();
            if (state == null) {
                em.persist(new SetupState(hash, now));
            } else {
                state.replaceToken(hash, now);
            }
            tokenFile.write(token);
            audit.record(
                    AuditEntry.allowed(
                            Actor.SYSTEM,
                            "setup:token-issued",
                            "setup",
                            "token written to " + tokenFile.path()));
        }
        LOG.log(
                Level.INFO,
                "Setup is pending. The one-time setup token is in {0} (mode 0600). Complete setup"
                        + " with: curl -X POST -H ''Content-Type: application/json'' -d"
                        + " \"'{'\\\"setupToken\\\":\\\"$(cat {0})\\\"'}'\" {1}/api/v1/setup",
                tokenFile.path(),
                publicUrl.base());
    }
}
