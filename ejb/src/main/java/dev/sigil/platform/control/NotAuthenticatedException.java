package dev.sigil.platform.control;

import dev.sigil.platform.entity.ProblemCode;
import java.util.Optional;

/** The caller did not prove who it is. The detail never says which credential part was wrong. */
public class NotAuthenticatedException extends SigilException {

    private static final long serialVersionUID = 1L;

    private final String challenge;

    public NotAuthenticatedException(String challenge, String detail) {
        super(ProblemCode.NOT_AUTHENTICATED, detail);
        this.challenge = challenge;
    }

    @Override
    public Optional<String> challenge() {
        return Optional.of(challenge);
    }
}
