package dev.sigil.tokens.entity;

import java.time.Duration;

/** An access token just minted, as the token endpoint answers it. */
public record AccessToken(String value, Duration expiresIn) {

    @Override
    public String toString() {
        return "AccessToken[expiresIn=" + expiresIn + "]";
    }
}
