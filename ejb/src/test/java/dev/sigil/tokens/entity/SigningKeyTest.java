package dev.sigil.tokens.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import dev.sigil.tokens.TokensFixture;
import dev.sigil.tokens.entity.SigningKey.Algorithm;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

    static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
    static final Duration LIFETIME = Duration.ofDays(30);

    SigningKey cut;

    @Test
    void generatesAnEd25519KeyWhoseKidIsItsThumbprint() throws JOSEException {
        cut = SigningKey.generate(Algorithm.EDDSA, NOW, LIFETIME);

        JWK jwk = cut.publicJwk();
        assertTrue(jwk instanceof OctetKeyPair);
        assertEquals(cut.kid(), jwk.getKeyID());
        assertEquals(jwk.computeThumbprint().toString(), cut.kid());
        assertEquals(JWSAlgorithm.EdDSA, jwk.getAlgorithm());
        assertEquals(KeyUse.SIGNATURE, jwk.getKeyUse());
        assertFalse(jwk.isPrivate());
        assertEquals("EdDSA", cut.publicKey().getAlgorithm());
    }

    @Test
    void generatesAnRsa2048KeyWhoseKidIsItsThumbprint() throws JOSEException {
        cut = SigningKey.generate(Algorithm.RS256, NOW, LIFETIME);

        JWK jwk = cut.publicJwk();
        assertTrue(jwk instanceof RSAKey);
        assertEquals(jwk.computeThumbprint().toString(), cut.kid());
        assertEquals(JWSAlgorithm.RS256, jwk.getAlgorithm());
        assertEquals(KeyUse.SIGNATURE, jwk.getKeyUse());
        assertFalse(jwk.isPrivate());
        assertEquals(2048, ((RSAPublicKey) cut.publicKey()).getModulus().bitLength());
    }

    @Test
    void computesTheRfc8037ThumbprintAsKid() {
        byte[] pkcs8 = TokensFixture.rfc8037KeyPair().getPrivate().getEncoded();

        cut =
                SigningKey.restore(
                        TokensFixture.RFC8037_THUMBPRINT,
                        Algorithm.EDDSA,
                        NOW,
                        NOW,
                        NOW.plus(LIFETIME),
                        pkcs8);

        assertEquals(TokensFixture.RFC8037_THUMBPRINT, cut.kid());
        assertEquals(TokensFixture.RFC8037_X, ((OctetKeyPair) cut.publicJwk()).getX().toString());
    }

    @Test
    void restoresBothKindsFromTheirPrivateKeyAlone() {
        for (Algorithm algorithm : Algorithm.values()) {
            SigningKey generated = SigningKey.generate(algorithm, NOW, LIFETIME);

            cut =
                    SigningKey.restore(
                            generated.kid(),
                            algorithm,
                            generated.created(),
                            generated.activated(),
                            generated.retires(),
                            generated.privateKeyPkcs8());

            assertEquals(generated, cut);
            assertEquals(generated.publicJwk(), cut.publicJwk());
            assertEquals(generated.publicKey(), cut.publicKey());
        }
    }

    @Test
    void refusesToRestoreAPrivateKeyUnderAnotherKid() {
        SigningKey one = SigningKey.generate(Algorithm.EDDSA, NOW, LIFETIME);
        SigningKey other = SigningKey.generate(Algorithm.EDDSA, NOW, LIFETIME);

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SigningKey.restore(
                                        one.kid(),
                                        Algorithm.EDDSA,
                                        NOW,
                                        NOW,
                                        NOW.plus(LIFETIME),
                                        other.privateKeyPkcs8()));
        assertTrue(e.getMessage().contains(one.kid()));
    }

    @Test
    void refusesToRestoreAKeyOfTheOtherAlgorithm() {
        SigningKey rsa = SigningKey.generate(Algorithm.RS256, NOW, LIFETIME);
        SigningKey ed = SigningKey.generate(Algorithm.EDDSA, NOW, LIFETIME);

        assertThrows(
                IllegalArgumentException.class,
                () ->
                        SigningKey.restore(
                                rsa.kid(),
                                Algorithm.EDDSA,
                                NOW,
                                NOW,
                                NOW.plus(LIFETIME),
                                rsa.privateKeyPkcs8()));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        SigningKey.restore(
                                ed.kid(),
                                Algorithm.RS256,
                                NOW,
                                NOW,
                                NOW.plus(LIFETIME),
                                ed.privateKeyPkcs8()));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        SigningKey.restore(
                                ed.kid(),
                                Algorithm.EDDSA,
                                NOW,
                                NOW,
                                NOW.plus(LIFETIME),
                                new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));
    }

    @Test
    void isActiveFromActivationUntilItRetires() {
        cut = SigningKey.generate(Algorithm.EDDSA, NOW, LIFETIME);

        assertFalse(cut.activeAt(NOW.minusSeconds(1)));
        assertTrue(cut.activeAt(NOW));
        assertTrue(cut.activeAt(NOW.plus(LIFETIME).minusSeconds(1)));
        assertFalse(cut.activeAt(NOW.plus(LIFETIME)));
    }

    @Test
    void refusesANonPositiveLifetime() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SigningKey.generate(Algorithm.EDDSA, NOW, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> SigningKey.generate(Algorithm.EDDSA, NOW, Duration.ofSeconds(-1)));
    }

    @Test
    void readsAlgorithmsByTheirJoseNames() {
        assertEquals(Algorithm.EDDSA, Algorithm.ofJwsName("EdDSA"));
        assertEquals(Algorithm.RS256, Algorithm.ofJwsName("RS256"));
        assertThrows(IllegalArgumentException.class, () -> Algorithm.ofJwsName("ES256"));
        assertThrows(IllegalArgumentException.class, () -> Algorithm.ofJwsName("eddsa"));
    }

    @Test
    void showsNoKeyMaterialInItsText() {
        cut = SigningKey.generate(Algorithm.EDDSA, NOW, LIFETIME);

        String text = cut.toString();

        assertTrue(text.contains(cut.kid()));
        assertFalse(text.contains(((OctetKeyPair) cut.publicJwk()).getX().toString()));
    }
}
