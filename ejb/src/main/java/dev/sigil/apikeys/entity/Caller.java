package dev.sigil.apikeys.entity;

import java.security.Principal;

/** An authenticated API key, as the request sees it. */
public record Caller(String keyId, String name, Role role, int ratePerMinute) implements Principal {

    @Override
    public String getName() {
        return keyId;
    }
}
