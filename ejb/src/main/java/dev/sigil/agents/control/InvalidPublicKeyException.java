package dev.sigil.agents.control;

import dev.sigil.platform.control.ValidationException;

/**
 * A pasted public key that Sigil does not accept. The message says what is wrong and never repeats
 * the input.
 */
public class InvalidPublicKeyException extends ValidationException {

    private static final long serialVersionUID = 1L;

    /** The field of a request that carries the key. */
    public static final String PUBLIC_KEY = "publicKey";

    /** The field of a request that carries the key type hint. */
    public static final String KEY_TYPE = "keyType";

    /** A violation of the {@value #PUBLIC_KEY} field. */
    public InvalidPublicKeyException(String message) {
        this(PUBLIC_KEY, message);
    }

    /** A violation of {@value #PUBLIC_KEY} or {@value #KEY_TYPE}. */
    public InvalidPublicKeyException(String field, String message) {
        super(field, message);
    }
}
