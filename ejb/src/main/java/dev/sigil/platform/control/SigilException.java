package dev.sigil.platform.control;

import dev.sigil.platform.entity.ProblemCode;
import dev.sigil.platform.entity.Violation;
import jakarta.ejb.ApplicationException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A business failure with a stable problem code. Components extend it with their own exceptions;
 * the message is the problem's {@code detail}, so it must be safe to show to the caller and must
 * never contain a secret.
 */
@ApplicationException(rollback = true, inherited = true)
public class SigilException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemCode code;

    public SigilException(ProblemCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ProblemCode code() {
        return code;
    }

    public List<Violation> violations() {
        return List.of();
    }

    /** For 429 and 503: when the caller may try again. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** For 401: the {@code WWW-Authenticate} challenge. */
    public Optional<String> challenge() {
        return Optional.empty();
    }
}
