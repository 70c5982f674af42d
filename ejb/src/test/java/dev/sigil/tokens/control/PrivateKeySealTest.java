package dev.sigil.tokens.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.util.Base64URL;
import dev.sigil.tokens.control.PrivateKeySeal.UnreadableSealException;
import dev.sigil.tokens.entity.SigningKey;
import dev.sigil.tokens.entity.SigningKey.Algorithm;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrivateKeySealTest {

    static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    PrivateKeySeal cut;

    String configuredKey;
    byte[] pkcs8;

    @BeforeEach
    void sealWithARandomKey() {
        configuredKey = randomBase64Key();
        cut = PrivateKeySeal.fromConfiguredKey(configuredKey);
        pkcs8 = SigningKey.generate(Algorithm.EDDSA, NOW, Duration.ofDays(1)).privateKeyPkcs8();
    }

    @Test
    void opensWhatItSealed() {
        String sealed = cut.seal(pkcs8);

        assertArrayEquals(pkcs8, cut.open(sealed));
    }

    @Test
    void sealsAsACompactJweWithDirectA256Gcm() throws ParseException {
        String sealed = cut.seal(pkcs8);

        JWEObject jwe = JWEObject.parse(sealed);
        assertEquals(JWEAlgorithm.DIR, jwe.getHeader().getAlgorithm());
        assertEquals(EncryptionMethod.A256GCM, jwe.getHeader().getEncryptionMethod());
        assertEquals(cut.keyId(), jwe.getHeader().getKeyID());
        assertEquals(5, sealed.split("\\.", -1).length);
        assertNotEquals(sealed, cut.seal(pkcs8), "every seal has its own IV");
    }

    @Test
    void restoresTheSigningKeyThroughTheSeal() {
        SigningKey key = SigningKey.generate(Algorithm.RS256, NOW, Duration.ofDays(1));

        SigningKey restored =
                SigningKey.restore(
                        key.kid(),
                        key.algorithm(),
                        key.created(),
                        key.activated(),
                        key.retires(),
                        cut.open(cut.seal(key.privateKeyPkcs8())));

        assertEquals(key.publicJwk(), restored.publicJwk());
    }

    @Test
    void refusesToOpenWithAnotherKey() {
        String sealed = cut.seal(pkcs8);
        PrivateKeySeal other = PrivateKeySeal.fromConfiguredKey(randomBase64Key());

        UnreadableSealException e =
                assertThrows(UnreadableSealException.class, () -> other.open(sealed));
        assertTrue(e.getMessage().contains("another key"), e.getMessage());
        assertTrue(e.getMessage().contains(PrivateKeySeal.CONFIG_KEY));
        assertFalse(e.getMessage().contains(configuredKey));
    }

    @Test
    void refusesToOpenWithAnotherKeyEvenWithoutKeyId() {
        String sealed = cut.seal(pkcs8);
        String[] parts = sealed.split("\\.", -1);
        String headerWithoutKid =
                Base64URL.encode("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}").toString();
        String relabelled =
                String.join(".", headerWithoutKid, parts[1], parts[2], parts[3], parts[4]);

        assertThrows(UnreadableSealException.class, () -> cut.open(relabelled));
    }

    @Test
    void refusesATamperedCiphertext() {
        String sealed = cut.seal(pkcs8);
        String[] parts = sealed.split("\\.", -1);
        byte[] ciphertext = Base64URL.from(parts[3]).decode();
        ciphertext[ciphertext.length / 2] ^= 1;
        String tampered =
                String.join(
                        ".",
                        parts[0],
                        parts[1],
                        parts[2],
                        Base64URL.encode(ciphertext).toString(),
                        parts[4]);

        UnreadableSealException e =
                assertThrows(UnreadableSealException.class, () -> cut.open(tampered));
        assertTrue(e.getMessage().contains("altered"), e.getMessage());
    }

    @Test
    void refusesATamperedTag() {
        String sealed = cut.seal(pkcs8);
        String[] parts = sealed.split("\\.", -1);
        byte[] tag = Base64URL.from(parts[4]).decode();
        tag[0] ^= 1;
        String tampered =
                String.join(
                        ".",
                        parts[0],
                        parts[1],
                        parts[2],
                        parts[3],
                        Base64URL.encode(tag).toString());

        assertThrows(UnreadableSealException.class, () -> cut.open(tampered));
    }

    @Test
    void refusesRecordsThatAreNotSealedRecords() {
        assertThrows(UnreadableSealException.class, () -> cut.open(null));
        assertThrows(UnreadableSealException.class, () -> cut.open(""));
        assertThrows(UnreadableSealException.class, () -> cut.open("not a jwe"));
        assertThrows(
                UnreadableSealException.class,
                () -> cut.open("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZQ.c2ln"));
    }

    @Test
    void refusesAConfiguredKeyOfTheWrongLength() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PrivateKeySeal.fromConfiguredKey(sixteenBytes));
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("16"), e.getMessage());
        assertFalse(e.getMessage().contains(sixteenBytes));
    }

    @Test
    void refusesAMissingOrNonBase64ConfiguredKey() {
        assertThrows(IllegalArgumentException.class, () -> PrivateKeySeal.fromConfiguredKey(null));
        assertThrows(IllegalArgumentException.class, () -> PrivateKeySeal.fromConfiguredKey(" "));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PrivateKeySeal.fromConfiguredKey("not*base64!"));
        assertFalse(e.getMessage().contains("not*base64!"));
    }

    @Test
    void acceptsTheKeyInUrlSafeBase64WithoutPadding() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        key[0] = (byte) 0xfb; // makes '-' or '_' appear in the URL-safe form

        PrivateKeySeal standard =
                PrivateKeySeal.fromConfiguredKey(Base64.getEncoder().encodeToString(key));
        PrivateKeySeal urlSafe =
                PrivateKeySeal.fromConfiguredKey(
                        Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\n");

        assertEquals(standard.keyId(), urlSafe.keyId());
        assertArrayEquals(pkcs8, urlSafe.open(standard.seal(pkcs8)));
    }

    static String randomBase64Key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
