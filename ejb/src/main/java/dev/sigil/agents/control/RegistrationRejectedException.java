package dev.sigil.agents.control;

import dev.sigil.platform.control.NotAuthenticatedException;

/** A wrong, expired or spent registration token; deliberately without saying which. */
public class RegistrationRejectedException extends NotAuthenticatedException {

    private static final long serialVersionUID = 1L;

    public RegistrationRejectedException() {
        super(
                "RegistrationToken realm=\"sigil\"",
                "The registration token is not valid for this agent; ask an admin for a new one");
    }
}
