package dev.sigil.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import dev.sigil.tokens.TokensFixture;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BouncyCastleEd25519SignerTest {

    BouncyCastleEd25519Signer cut;

    @BeforeEach
    void signWithRfc8037Key() throws JOSEException {
        cut = new BouncyCastleEd25519Signer(TokensFixture.rfc8037KeyPair().getPrivate());
    }

    @Test
    void signsTheRfc8037ExampleExactly() throws JOSEException {
        JWSObject jws =
                new JWSObject(
                        new JWSHeader(JWSAlgorithm.EdDSA),
                        new Payload("Example of Ed25519 signing"));

        jws.sign(cut);

        assertEquals(TokensFixture.RFC8037_JWS, jws.serialize());
    }

    @Test
    void refusesAHeaderOfAnotherAlgorithm() {
        byte[] input = "x.y".getBytes(StandardCharsets.US_ASCII);

        assertThrows(
                JOSEException.class, () -> cut.sign(new JWSHeader(JWSAlgorithm.Ed25519), input));
        assertThrows(JOSEException.class, () -> cut.sign(new JWSHeader(JWSAlgorithm.RS256), input));
    }

    @Test
    void refusesAPrivateKeyThatIsNotEd25519() {
        assertThrows(
                JOSEException.class,
                () ->
                        new BouncyCastleEd25519Signer(
                                TokensFixture.jdkKeyPair("Ed448", 0).getPrivate()));
        assertThrows(
                JOSEException.class,
                () ->
                        new BouncyCastleEd25519Signer(
                                TokensFixture.jdkKeyPair("EC", 256).getPrivate()));
    }
}
