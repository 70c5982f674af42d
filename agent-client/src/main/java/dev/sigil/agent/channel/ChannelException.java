package dev.sigil.agent.channel;

import java.time.Duration;
import java.util.Optional;

/** A call to the server failed. Its message is one line and holds no secret (H1.3). */
public class ChannelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How the call failed. */
    public enum Kind {
        /** No HTTP answer: connection refused, unknown host, TLS failure, timeout. */
        UNREACHABLE,
        /** The server refused the request (4xx other than 429). */
        REJECTED,
        /** The server asked to slow down (429). */
        RATE_LIMITED,
        /** The server failed (5xx), or answered outside the contract. */
        FAILED,
        /** The server answered with a redirect: the server URL is probably wrong. */
        MISDIRECTED
    }

    private final Kind kind;
    private final int status;
    private final transient Duration retryAfter;

    public ChannelException(Kind kind, int status, String message) {
        this(kind, status, null, message, null);
    }

    public ChannelException(
            Kind kind, int status, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** How long the server asked to wait, for {@link Kind#RATE_LIMITED}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
