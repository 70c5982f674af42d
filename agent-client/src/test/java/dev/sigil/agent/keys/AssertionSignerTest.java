package dev.sigil.agent.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.junit.jupiter.api.Test;

class AssertionSignerTest {

    static final URI TOKEN_ENDPOINT = URI.create("https://sigil.example.com/api/v1/agents/tokens");
    static final Instant NOW = Instant.parse("2026-11-20T09:30:00.750Z");

    AgentKeyPair key = AgentKeyPair.generate(new SecureRandom());
    AssertionSigner cut = new AssertionSigner(key, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void assertionVerifiesWithBouncyCastleAgainstThePublicKey() throws Exception {
        SignedJWT jwt = SignedJWT.parse(cut.sign("agent-1", TOKEN_ENDPOINT));

        var verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(key.publicKeyBytes()));
        byte[] input = jwt.getSigningInput();
        verifier.update(input, 0, input.length);

        assertTrue(verifier.verifySignature(jwt.getSignature().decode()));
    }

    @Test
    void assertionVerifiesWithTheJdksEd25519() throws Exception {
        SignedJWT jwt = SignedJWT.parse(cut.sign("agent-1", TOKEN_ENDPOINT));
        byte[] spki =
                SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                                new Ed25519PublicKeyParameters(key.publicKeyBytes()))
                        .getEncoded();
        var publicKey =
                KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));

        var verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(jwt.getSigningInput());

        assertTrue(verifier.verify(jwt.getSignature().decode()));
    }

    @Test
    void assertionHasExactlyTheContractsHeaderAndClaims() throws Exception {
        SignedJWT jwt = SignedJWT.parse(cut.sign("agent-1", TOKEN_ENDPOINT));
        Map<String, Object> claims = JSONObjectUtils.parse(jwt.getPayload().toString());

        assertEquals(JWSAlgorithm.EdDSA, jwt.getHeader().getAlgorithm());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        assertEquals(Set.of("alg", "typ"), jwt.getHeader().toJSONObject().keySet());
        assertEquals(Set.of("iss", "sub", "aud", "iat", "exp", "jti"), claims.keySet());
        assertEquals("agent-1", claims.get("iss"));
        assertEquals("agent-1", claims.get("sub"));
        assertEquals(TOKEN_ENDPOINT.toString(), claims.get("aud"), "one audience, as a string");
        assertEquals(NOW.getEpochSecond(), ((Number) claims.get("iat")).longValue());
        assertEquals(NOW.getEpochSecond() + 60, ((Number) claims.get("exp")).longValue());
        UUID.fromString((String) claims.get("jti"));
    }

    @Test
    void assertionLivesAtMostFiveMinutes() throws Exception {
        var claims = SignedJWT.parse(cut.sign("agent-1", TOKEN_ENDPOINT)).getJWTClaimsSet();

        long lifetime =
                claims.getExpirationTime().toInstant().getEpochSecond()
                        - claims.getIssueTime().toInstant().getEpochSecond();

        assertTrue(lifetime > 0 && lifetime <= 300, "lifetime " + lifetime);
    }

    @Test
    void jtiIsUniqueAcrossTwoAssertions() throws Exception {
        String first =
                SignedJWT.parse(cut.sign("agent-1", TOKEN_ENDPOINT)).getJWTClaimsSet().getJWTID();
        String second =
                SignedJWT.parse(cut.sign("agent-1", TOKEN_ENDPOINT)).getJWTClaimsSet().getJWTID();

        assertNotEquals(first, second);
    }

    /** RFC 8037 appendix A.4: Ed25519 is deterministic, so the signature is known. */
    @Test
    void signerReproducesTheRfc8037TestVector() throws Exception {
        var rfcKey =
                AgentKeyPair.ofPrivateKey(
                        Base64URL.from("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A").decode());
        var jws =
                new JWSObject(
                        new JWSHeader(JWSAlgorithm.EdDSA),
                        new Payload("Example of Ed25519 signing"));

        jws.sign(new Ed25519JwsSigner(rfcKey));

        assertEquals(
                "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
                        + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
                jws.serialize());
        assertEquals(
                "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                Base64URL.encode(rfcKey.publicKeyBytes()).toString());
    }

    @Test
    void signerRefusesAlgorithmsOtherThanEdDsa() {
        var signer = new Ed25519JwsSigner(key);

        assertThrows(
                JOSEException.class,
                () -> signer.sign(new JWSHeader(JWSAlgorithm.HS256), new byte[] {1}));
    }
}
