package dev.sigil.apikeys.entity;

import java.util.Locale;
import java.util.Optional;

/** What a caller may do. An admin may do everything a viewer may. */
public enum Role {
    VIEWER,
    ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role required) {
        return this == ADMIN || this == required;
    }

    public static Optional<Role> fromWire(String value) {
        for (Role role : values()) {
            if (role.wire().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
