package dev.sigil.agent.keys;

/** A key file could not be read, written or understood. The message never holds key material. */
public class KeyFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong: the file system, or the content. */
    public enum Kind {
        /** Reading or writing failed (permissions, read-only file system, missing directory). */
        IO,
        /** The file was read but holds no Ed25519 private key in PKCS#8 PEM. */
        MALFORMED
    }

    private final Kind kind;

    public KeyFileException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
