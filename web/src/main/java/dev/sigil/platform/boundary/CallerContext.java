package dev.sigil.platform.boundary;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.function.Predicate;

/** The security context an authentication filter sets once it knows the caller. */
public record CallerContext(
        Principal caller, Predicate<String> roles, boolean secure, String scheme)
        implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
        return roles.test(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return scheme;
    }
}
