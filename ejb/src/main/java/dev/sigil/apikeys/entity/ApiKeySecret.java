package dev.sigil.apikeys.entity;

import dev.sigil.platform.control.Secrets;

/**
 * The secret of an API key: {@code sgl_} followed by 32 random bytes in unpadded base64url. Only
 * {@link #hash()} and {@link #prefix()} are ever stored.
 */
public record ApiKeySecret(String value) {

    public static final String SCHEME = "sgl_";
    static final int PREFIX_LENGTH = SCHEME.length() + 8;

    public static ApiKeySecret generate() {
        return new ApiKeySecret(Secrets.random(SCHEME));
    }

    /** Lower-case hex SHA-256 of the whole secret. */
    public String hash() {
        return Secrets.sha256Hex(value);
    }

    /** The first characters, shown in listings so people can tell keys apart. */
    public String prefix() {
        return value.substring(0, Math.min(PREFIX_LENGTH, value.length()));
    }

    @Override
    public String toString() {
        return "ApiKeySecret[" + prefix() + "...]";
    }
}
