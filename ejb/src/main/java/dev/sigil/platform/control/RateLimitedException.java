package dev.sigil.platform.control;

import dev.sigil.platform.entity.ProblemCode;
import java.time.Duration;
import java.util.Optional;

/** The caller used up its allowance; it may try again after {@link #retryAfter()}. */
public class RateLimitedException extends SigilException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RateLimitedException(String detail, Duration retryAfter) {
        super(ProblemCode.RATE_LIMITED, detail);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
