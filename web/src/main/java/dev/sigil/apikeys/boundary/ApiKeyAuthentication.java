package dev.sigil.apikeys.boundary;

import dev.sigil.apikeys.entity.Caller;
import dev.sigil.apikeys.entity.Role;
import dev.sigil.audit.boundary.AuditLog;
import dev.sigil.audit.entity.Actor;
import dev.sigil.audit.entity.ActorType;
import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.platform.boundary.CallerContext;
import dev.sigil.platform.control.ForbiddenException;
import dev.sigil.platform.control.RateLimitedException;
import dev.sigil.platform.control.RateLimits;
import dev.sigil.tokens.boundary.AgentAccess;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Authenticates {@code X-API-Key}, applies the key's rate limit and checks the role the resource
 * method names with {@code @RolesAllowed}. A method without {@code @PermitAll} or
 * {@code @RolesAllowed} needs an admin key: forgetting an annotation never opens an endpoint.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthentication implements ContainerRequestFilter {

    public static final String HEADER = "X-API-Key";

    @Context ResourceInfo resource;

    @Context HttpServletRequest servletRequest;

    @EJB ApiKeyRegistry registry;

    @EJB AuditLog audit;

    @Inject RateLimits rateLimits;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null
                || method.isAnnotationPresent(Anonymous.class)
                || method.isAnnotationPresent(AgentAccess.class)) {
            return;
        }
        String client = servletRequest.getRemoteAddr();
        Caller caller = registry.authenticate(request.getHeaderString(HEADER), client);
        RateLimits.Decision decision =
                rateLimits.consume("apikey:" + caller.keyId(), caller.ratePerMinute());
        if (!decision.allowed()) {
            throw new RateLimitedException(
                    "This API key allows "
                            + caller.ratePerMinute()
                            + " requests a minute; wait before retrying",
                    decision.retryAfter());
        }
        Role required = required(method);
        if (!caller.role().includes(required)) {
            audit.recordIndependently(
                    AuditEntry.denied(
                            new Actor(ActorType.APIKEY, caller.keyId()),
                            "auth:denied",
                            request.getMethod() + " /" + request.getUriInfo().getPath(),
                            "role " + caller.role().wire() + " lacks " + required.wire()));
            throw new ForbiddenException("This operation needs a key with role " + required.wire());
        }
        request.setSecurityContext(
                new CallerContext(
                        caller,
                        role -> Role.fromWire(role).map(caller.role()::includes).orElse(false),
                        request.getSecurityContext().isSecure(),
                        "ApiKey"));
    }

    static Role required(Method method) {
        RequiresRole required = method.getAnnotation(RequiresRole.class);
        if (required == null) {
            required = method.getDeclaringClass().getAnnotation(RequiresRole.class);
        }
        return required == null ? Role.ADMIN : required.value();
    }

    /** The actor for audit entries of the current request. */
    public static Actor actor(SecurityContext context) {
        return new Actor(ActorType.APIKEY, ((Caller) context.getUserPrincipal()).keyId());
    }
}
