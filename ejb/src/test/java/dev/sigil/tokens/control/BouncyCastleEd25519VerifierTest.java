package dev.sigil.tokens.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.sigil.tokens.TokensFixture;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.text.ParseException;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BouncyCastleEd25519VerifierTest {

    BouncyCastleEd25519Verifier cut;

    KeyPair rfcKey = TokensFixture.rfc8037KeyPair();

    @BeforeEach
    void verifyWithRfc8037Key() throws JOSEException {
        cut = new BouncyCastleEd25519Verifier(rfcKey.getPublic());
    }

    @Test
    void verifiesTheRfc8037Example() throws ParseException, JOSEException {
        assertTrue(JWSObject.parse(TokensFixture.RFC8037_JWS).verify(cut));
    }

    @Test
    void verifiesWithThePublishedJwkToo() throws ParseException, JOSEException {
        OctetKeyPair jwk =
                new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.from(TokensFixture.RFC8037_X))
                        .build();

        assertTrue(
                JWSObject.parse(TokensFixture.RFC8037_JWS)
                        .verify(new BouncyCastleEd25519Verifier(jwk)));
    }

    @Test
    void rejectsAnAlteredPayload() throws ParseException, JOSEException {
        String[] parts = TokensFixture.RFC8037_JWS.split("\\.");
        String altered =
                parts[0] + "." + Base64URL.encode("Example of Ed25519 signinG") + "." + parts[2];

        assertFalse(JWSObject.parse(altered).verify(cut));
    }

    @Test
    void rejectsASignatureOfAnotherKey() throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.EdDSA), new Payload("hello"));
        jws.sign(
                new BouncyCastleEd25519Signer(TokensFixture.jdkKeyPair("Ed25519", 0).getPrivate()));

        assertFalse(jws.verify(cut));
    }

    @Test
    void rejectsATruncatedSignature() throws JOSEException {
        byte[] input = "eyJhbGciOiJFZERTQSJ9.eA".getBytes(StandardCharsets.US_ASCII);

        assertFalse(
                cut.verify(
                        new JWSHeader(JWSAlgorithm.EdDSA), input, Base64URL.encode(new byte[63])));
    }

    @Test
    void refusesEveryAlgorithmButEdDsa() {
        byte[] input = "x.y".getBytes(StandardCharsets.US_ASCII);
        Base64URL signature = Base64URL.encode(new byte[64]);

        for (JWSAlgorithm alg :
                Set.of(
                        JWSAlgorithm.Ed25519,
                        JWSAlgorithm.Ed448,
                        JWSAlgorithm.HS256,
                        JWSAlgorithm.RS256,
                        JWSAlgorithm.ES256)) {
            assertThrows(
                    JOSEException.class, () -> cut.verify(new JWSHeader(alg), input, signature));
        }
    }

    @Test
    void failsAHeaderWithCriticalParameters() throws JOSEException {
        JWSHeader header =
                new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                        .customParam("sigil-policy", "x")
                        .criticalParams(Set.of("sigil-policy"))
                        .build();
        JWSObject jws = new JWSObject(header, new Payload("hello"));
        jws.sign(new BouncyCastleEd25519Signer(rfcKey.getPrivate()));

        assertFalse(jws.verify(cut));
    }

    @Test
    void refusesKeysThatAreNotEd25519() {
        assertThrows(
                JOSEException.class,
                () ->
                        new BouncyCastleEd25519Verifier(
                                TokensFixture.jdkKeyPair("Ed448", 0).getPublic()));
        assertThrows(
                JOSEException.class,
                () ->
                        new BouncyCastleEd25519Verifier(
                                TokensFixture.jdkKeyPair("EC", 256).getPublic()));
        assertThrows(
                JOSEException.class,
                () ->
                        new BouncyCastleEd25519Verifier(
                                TokensFixture.jdkKeyPair("RSA", 2048).getPublic()));
        assertThrows(
                JOSEException.class,
                () ->
                        new BouncyCastleEd25519Verifier(
                                new OctetKeyPair.Builder(
                                                Curve.X25519,
                                                Base64URL.from(TokensFixture.RFC8037_X))
                                        .build()));
    }
}
