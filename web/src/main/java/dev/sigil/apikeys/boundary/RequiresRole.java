package dev.sigil.apikeys.boundary;

import dev.sigil.apikeys.entity.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a resource method needs, checked by {@link ApiKeyAuthentication}. Sigil's own
 * annotation rather than {@code @RolesAllowed}, which Payara would answer with its own Basic
 * authentication challenge before the request reaches Sigil.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {
    Role value();
}
