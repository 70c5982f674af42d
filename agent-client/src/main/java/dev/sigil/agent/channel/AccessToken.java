package dev.sigil.agent.channel;

import java.time.Duration;
import java.util.Optional;

/**
 * A bearer access token. Its {@link #toString()} hides the value, which only {@link #value()}
 * gives.
 */
public final class AccessToken {

    private final String value;
    private final Duration expiresIn;

    public AccessToken(String value, Duration expiresIn) {
        this.value = value;
        this.expiresIn = expiresIn;
    }

    public String value() {
        return value;
    }

    /** The lifetime the server gave, if it gave one. */
    public Optional<Duration> expiresIn() {
        return Optional.ofNullable(expiresIn);
    }

    String authorization() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "AccessToken[expiresIn=" + expiresIn + "]";
    }
}
