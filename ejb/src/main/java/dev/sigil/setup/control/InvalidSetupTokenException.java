package dev.sigil.setup.control;

import dev.sigil.platform.control.SigilException;
import dev.sigil.platform.entity.ProblemCode;
import java.util.Optional;

/** The presented setup token is not the pending one. */
public class InvalidSetupTokenException extends SigilException {

    private static final long serialVersionUID = 1L;

    public InvalidSetupTokenException() {
        super(
                ProblemCode.INVALID_SETUP_TOKEN,
                "The setup token is not valid; it is in the setup-token file of the data directory");
    }

    @Override
    public Optional<String> challenge() {
        return Optional.of("SetupToken realm=\"sigil\"");
    }
}
