package dev.sigil.tokens.control;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private keys at rest: a compact JWE with {@code alg: dir} and {@code enc: A256GCM} under a
 * 256-bit key from configuration ({@value #CONFIG_KEY}, base64, e.g. {@code openssl rand -base64
 * 32}). The JWE header carries {@code kid}, a short fingerprint of the seal key (a hash, not the
 * key), so a record sealed under another key is reported as such instead of as damage. Thread-safe.
 */
public final class PrivateKeySeal {

    /** The configuration key of the seal key; the environment form is {@code TOKENS_SEAL_KEY}. */
    public static final String CONFIG_KEY = "tokens.seal.key";

    static final int KEY_BYTES = 32;
    private static final byte[] KID_LABEL =
            "sigil tokens seal key id\0".getBytes(StandardCharsets.US_ASCII);

    /** A sealed record cannot be opened; the message names the cause, never any key material. */
    public static final class UnreadableSealException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnreadableSealException(String message) {
            super(message, null, false, false);
        }
    }

    private final SecretKey key;
    private final String keyId;
    private final DirectEncrypter encrypter;
    private final DirectDecrypter decrypter;

    /**
     * @param key exactly 32 bytes; copied
     * @throws IllegalArgumentException if the key does not have 32 bytes
     */
    public PrivateKeySeal(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    CONFIG_KEY
                            + " must be "
                            + KEY_BYTES
                            + " bytes, but has "
                            + (key == null ? 0 : key.length));
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.keyId = keyId(key);
        try {
            this.encrypter = new DirectEncrypter(this.key);
            this.decrypter = new DirectDecrypter(this.key);
        } catch (JOSEException e) {
            throw new IllegalStateException("AES-256-GCM is required of every JDK 17", e);
        }
    }

    /**
     * The seal for the configured value of {@value #CONFIG_KEY}.
     *
     * @param base64 32 bytes in base64 (standard or URL-safe, padding optional)
     * @throws IllegalArgumentException with a message that names the problem, never the value
     */
    public static PrivateKeySeal fromConfiguredKey(String base64) {
        byte[] bytes = decodeConfiguredKey(base64);
        try {
            return new PrivateKeySeal(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Decodes and checks the configured seal key.
     *
     * @throws IllegalArgumentException if it is missing, not base64, or not 32 bytes long
     */
    public static byte[] decodeConfiguredKey(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException(
                    CONFIG_KEY
                            + " is not set: give it 32 random bytes in base64, e.g. the output"
                            + " of 'openssl rand -base64 32'");
        }
        String trimmed = base64.strip();
        byte[] bytes;
        try {
            bytes =
                    trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                            ? Base64.getUrlDecoder().decode(trimmed)
                            : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CONFIG_KEY + " is not valid base64");
        }
        if (bytes.length != KEY_BYTES) {
            int length = bytes.length;
            Arrays.fill(bytes, (byte) 0);
            throw new IllegalArgumentException(
                    CONFIG_KEY
                            + " must decode to "
                            + KEY_BYTES
                            + " bytes (256 bits), but decodes to "
                            + length
                            + "; generate one with 'openssl rand -base64 32'");
        }
        return bytes;
    }

    /** The fingerprint written as {@code kid} into every sealed record: not secret. */
    public String keyId() {
        return keyId;
    }

    /** Seals {@code plaintext} (a PKCS#8 private key) into a compact JWE string. */
    public String seal(byte[] plaintext) {
        if (plaintext == null || plaintext.length == 0) {
            throw new IllegalArgumentException("Nothing to seal");
        }
        JWEObject jwe =
                new JWEObject(
                        new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                                .keyID(keyId)
                                .build(),
                        new Payload(plaintext));
        try {
            jwe.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("Sealing failed", e);
        }
        return jwe.serialize();
    }

    /**
     * Opens a record made by {@link #seal}.
     *
     * @return the plaintext; overwrite it after use
     * @throws UnreadableSealException if the record is not a sealed record, was sealed with another
     *     key, or was altered
     */
    public byte[] open(String sealed) {
        if (sealed == null) {
            throw new UnreadableSealException("No sealed record");
        }
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(sealed);
        } catch (ParseException | RuntimeException e) {
            throw new UnreadableSealException("The sealed record is not a compact JWE");
        }
        JWEHeader header = jwe.getHeader();
        if (!JWEAlgorithm.DIR.equals(header.getAlgorithm())
                || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
                || header.getCompressionAlgorithm() != null) {
            throw new UnreadableSealException(
                    "The sealed record is not of the kind dir/A256GCM without compression");
        }
        String sealedWith = header.getKeyID();
        if (sealedWith != null && !keyId.equals(sealedWith)) {
            throw new UnreadableSealException(
                    "The record was sealed with another key (key id "
                            + sealedWith.substring(0, Math.min(32, sealedWith.length()))
                            + ", configured "
                            + keyId
                            + "): check "
                            + CONFIG_KEY);
        }
        try {
            jwe.decrypt(decrypter);
        } catch (JOSEException | RuntimeException e) {
            throw new UnreadableSealException(
                    "The sealed record does not open with the configured key: it was altered,"
                            + " or sealed with another key");
        }
        return jwe.getPayload().toBytes();
    }

    private static String keyId(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(KID_LABEL);
            byte[] digest = sha256.digest(key);
            return Base64URL.encode(Arrays.copyOf(digest, 12)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "PrivateKeySeal[kid=" + keyId + "]";
    }
}
