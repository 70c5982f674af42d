package dev.sigil.tokens.boundary;

import dev.sigil.tokens.entity.AgentCaller;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;

/** Authenticates {@link AgentAccess} methods with the bearer access token of an agent. */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class AgentAuthentication implements ContainerRequestFilter {

    @Context ResourceInfo resource;

    @Context HttpServletRequest servletRequest;

    @EJB AgentTokens tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || !method.isAnnotationPresent(AgentAccess.class)) {
            return;
        }
        AgentCaller caller =
                tokens.authenticate(
                        request.getHeaderString(HttpHeaders.AUTHORIZATION),
                        servletRequest.getRemoteAddr());
        SecurityContext original = request.getSecurityContext();
        request.setSecurityContext(
                new SecurityContext() {
                    @Override
                    public Principal getUserPrincipal() {
                        return caller;
                    }

                    @Override
                    public boolean isUserInRole(String role) {
                        return "agent".equals(role);
                    }

                    @Override
                    public boolean isSecure() {
                        return original.isSecure();
                    }

                    @Override
                    public String getAuthenticationScheme() {
                        return "Bearer";
                    }
                });
    }
}
