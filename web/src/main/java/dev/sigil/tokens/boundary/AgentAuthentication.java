package dev.sigil.tokens.boundary;

import dev.sigil.platform.boundary.CallerContext;
import dev.sigil.tokens.entity.AgentCaller;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/** Authenticates {@link AgentAccess} methods with the bearer access token of an agent. */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class AgentAuthentication implements ContainerRequestFilter {

    @Context ResourceInfo resource;

    @Context HttpServletRequest servletRequest;

    @Inject BearerTokens tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || !method.isAnnotationPresent(AgentAccess.class)) {
            return;
        }
        AgentCaller caller =
                tokens.authenticate(
                        request.getHeaderString(HttpHeaders.AUTHORIZATION),
                        servletRequest::getRemoteAddr);
        request.setSecurityContext(
                new CallerContext(
                        caller,
                        "agent"::equals,
                        request.getSecurityContext().isSecure(),
                        "Bearer"));
    }
}
