package dev.sigil.audit.boundary;

import dev.sigil.apikeys.boundary.RequiresRole;
import dev.sigil.apikeys.entity.Role;
import dev.sigil.audit.entity.AuditEvent;
import dev.sigil.audit.entity.AuditPage;
import dev.sigil.audit.entity.AuditQuery;
import dev.sigil.audit.entity.Verification;
import dev.sigil.platform.control.ValidationException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reading and verifying the audit log (viewer). */
@Path("v1/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    static final int DEFAULT_LIMIT = 50;

    @EJB AuditLog log;

    @Inject
    @ConfigProperty(name = "audit.query.max-limit", defaultValue = "500")
    int maxLimit;

    /** One event as published. */
    public record AuditEventView(
            long seq,
            Instant at,
            String actorType,
            String actorId,
            String agentId,
            String action,
            String target,
            String result,
            String detail,
            String prevHash,
            String hash) {

        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(
                    e.seq(),
                    e.at(),
                    e.actorType(),
                    e.actorId(),
                    e.agentId(),
                    e.action(),
                    e.target(),
                    e.result(),
                    e.detail(),
                    e.prevHash(),
                    e.hash());
        }
    }

    /** A page of events, newest first. */
    public record AuditEvents(List<AuditEventView> events, long total, int limit) {}

    @GET
    @RequiresRole(Role.VIEWER)
    @Operation(summary = "Audit events, newest first, optionally filtered")
    public AuditEvents query(
            @QueryParam("agentId") String agentId,
            @QueryParam("action") String action,
            @QueryParam("limit") String limit,
            @QueryParam("before") String before) {
        AuditPage page =
                log.query(
                        new AuditQuery(
                                blankToNull(agentId),
                                blankToNull(action),
                                before == null ? null : number("before", before, 1, Long.MAX_VALUE),
                                limit == null
                                        ? DEFAULT_LIMIT
                                        : (int) number("limit", limit, 1, maxLimit)));
        return new AuditEvents(
                page.events().stream().map(AuditEventView::of).toList(),
                page.total(),
                page.limit());
    }

    @GET
    @Path("verify")
    @RequiresRole(Role.VIEWER)
    @Operation(summary = "Recompute the hash chain; names the first broken sequence number")
    public Verification verify() {
        return log.verify();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static long number(String name, String value, long min, long max) {
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < min || parsed > max) {
                throw new ValidationException(name, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ValidationException(name, "must be a whole number");
        }
    }
}
