package dev.sigil.agents.entity;

import java.time.Instant;

/** A registration token just issued: shown once to the admin, stored only as a hash. */
public record RegistrationToken(String value, Instant expiresAt) {

    public static final String PREFIX = "sgr_";

    @Override
    public String toString() {
        return "RegistrationToken[expiresAt=" + expiresAt + "]";
    }
}
