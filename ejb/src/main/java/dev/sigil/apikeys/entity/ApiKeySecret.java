package dev.sigil.apikeys.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret of an API key: {@code sgl_} followed by 32 random bytes in unpadded base64url. Only
 * {@link #hash()} and {@link #prefix()} are ever stored.
 */
public record ApiKeySecret(String value) {

    public static final String SCHEME = "sgl_";
    static final int PREFIX_LENGTH = SCHEME.length() + 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static ApiKeySecret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ApiKeySecret(
                SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Lower-case hex SHA-256 of the whole secret. */
    public String hash() {
        return sha256(value);
    }

    /** The first characters, shown in listings so people can tell keys apart. */
    public String prefix() {
        return value.substring(0, Math.min(PREFIX_LENGTH, value.length()));
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeySecret[" + prefix() + "...]";
    }
}
