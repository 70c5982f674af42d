package dev.sigil.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.opts.AllowWeakRSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.sigil.tokens.TokensFixture;
import dev.sigil.tokens.control.ClientAssertionVerifier.VerifiedAssertion;
import dev.sigil.tokens.control.InvalidClientAssertionException.Reason;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAssertionVerifierTest {

    static final String AGENT = "agent-7f3a";
    static final String TOKEN_ENDPOINT = "https://sigil.example/oauth2/token";
    static final String ISSUER = "https://sigil.example";
    static final Set<String> AUDIENCES = Set.of(TOKEN_ENDPOINT, ISSUER);
    static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    static KeyPair edAgent;
    static KeyPair rsaAgent;
    static KeyPair otherEdAgent;

    ClientAssertionVerifier cut;

    @BeforeAll
    static void agentKeys() {
        edAgent = TokensFixture.jdkKeyPair("Ed25519", 0);
        otherEdAgent = TokensFixture.jdkKeyPair("Ed25519", 0);
        rsaAgent = TokensFixture.jdkKeyPair("RSA", 2048);
    }

    @BeforeEach
    void newVerifier() {
        cut = new ClientAssertionVerifier();
    }

    @Test
    void acceptsAnEd25519AssertionOfTheAgent() throws JOSEException {
        String assertion = assertion(JWSAlgorithm.EdDSA, edSigner(edAgent), validClaims().build());

        VerifiedAssertion verified = verify(assertion, edAgent.getPublic());

        assertEquals("jti-1", verified.jti());
        assertEquals(NOW.plusSeconds(60), verified.expiresAt());
        assertEquals(NOW, verified.issuedAt());
        assertEquals("EdDSA", verified.alg());
    }

    @Test
    void acceptsAnRs256AssertionOfTheAgent() throws JOSEException {
        String assertion =
                assertion(
                        JWSAlgorithm.RS256,
                        new RSASSASigner(rsaAgent.getPrivate()),
                        validClaims().build());

        VerifiedAssertion verified = verify(assertion, rsaAgent.getPublic());

        assertEquals("RS256", verified.alg());
        assertEquals("jti-1", verified.jti());
    }

    @Test
    void acceptsTheIssuerUrlAmongSeveralAudiences() throws JOSEException {
        String assertion =
                edAssertion(c -> c.audience(List.of("https://elsewhere.example", ISSUER)));

        assertEquals("jti-1", verify(assertion, edAgent.getPublic()).jti());
    }

    @Test
    void readsTheSubjectBeforeAnythingIsVerified() throws JOSEException {
        String assertion =
                assertion(JWSAlgorithm.EdDSA, edSigner(otherEdAgent), validClaims().build());

        assertEquals(AGENT, cut.read(assertion).unverifiedSubject());
    }

    @Test
    void cannotReadTheSubjectOfGarbageOrOfAnAssertionWithoutOne() throws JOSEException {
        String withoutSubject = edAssertion(c -> c.subject(null));

        assertRejected(Reason.MALFORMED, () -> cut.read("garbage"));
        assertRejected(Reason.MALFORMED, () -> cut.read(null));
        assertRejected(Reason.MALFORMED, () -> cut.read(withoutSubject));
    }

    @Test
    void rejectsAlgNone() {
        String assertion = new PlainJWT(validClaims().build()).serialize();

        assertRejected(Reason.ALGORITHM, () -> verify(assertion, edAgent.getPublic()));
        assertRejected(Reason.ALGORITHM, () -> verify(assertion, rsaAgent.getPublic()));
    }

    @Test
    void rejectsHs256SignedWithThePublicKeyAsSecret() throws JOSEException {
        for (PublicKey key : List.of(edAgent.getPublic(), rsaAgent.getPublic())) {
            String assertion =
                    assertion(
                            JWSAlgorithm.HS256,
                            new MACSigner(key.getEncoded()),
                            validClaims().build());

            assertRejected(Reason.ALGORITHM, () -> verify(assertion, key));
        }
    }

    @Test
    void rejectsAnRs256HeaderOnAnEd25519Key() throws JOSEException {
        String assertion =
                assertion(
                        JWSAlgorithm.RS256,
                        new RSASSASigner(rsaAgent.getPrivate()),
                        validClaims().build());

        assertRejected(Reason.ALGORITHM, () -> verify(assertion, edAgent.getPublic()));
    }

    @Test
    void rejectsAnEdDsaHeaderOnAnRsaKey() throws JOSEException {
        String assertion = edAssertion(UnaryOperator.identity());

        assertRejected(Reason.ALGORITHM, () -> verify(assertion, rsaAgent.getPublic()));
    }

    @Test
    void rejectsOtherAlgorithmsEvenWithAMatchingKeyType() throws JOSEException {
        String ps256 =
                assertion(
                        JWSAlgorithm.PS256,
                        new RSASSASigner(rsaAgent.getPrivate()),
                        validClaims().build());
        String fullySpecified =
                assertion(JWSAlgorithm.Ed25519, edSignerAnyAlg(edAgent), validClaims().build());

        assertRejected(Reason.ALGORITHM, () -> verify(ps256, rsaAgent.getPublic()));
        assertRejected(Reason.ALGORITHM, () -> verify(fullySpecified, edAgent.getPublic()));
    }

    @Test
    void rejectsAnRsaKeyShorterThan2048Bits() throws JOSEException {
        KeyPair weak = TokensFixture.jdkKeyPair("RSA", 1024);
        String assertion =
                assertion(
                        JWSAlgorithm.RS256,
                        new RSASSASigner(weak.getPrivate(), Set.of(AllowWeakRSAKey.getInstance())),
                        validClaims().build());

        assertRejected(Reason.KEY, () -> verify(assertion, weak.getPublic()));
    }

    @Test
    void rejectsAnEd448Key() throws JOSEException {
        String assertion = edAssertion(UnaryOperator.identity());

        assertRejected(
                Reason.ALGORITHM,
                () -> verify(assertion, TokensFixture.jdkKeyPair("Ed448", 0).getPublic()));
    }

    @Test
    void rejectsASignatureOfAnotherKey() throws JOSEException {
        String assertion =
                assertion(JWSAlgorithm.EdDSA, edSigner(otherEdAgent), validClaims().build());
        String rsaAssertion =
                assertion(
                        JWSAlgorithm.RS256,
                        new RSASSASigner(TokensFixture.jdkKeyPair("RSA", 2048).getPrivate()),
                        validClaims().build());

        assertRejected(Reason.SIGNATURE, () -> verify(assertion, edAgent.getPublic()));
        assertRejected(Reason.SIGNATURE, () -> verify(rsaAssertion, rsaAgent.getPublic()));
    }

    @Test
    void rejectsAnAlteredClaimsSet() throws JOSEException {
        String[] parts = edAssertion(UnaryOperator.identity()).split("\\.");
        String longer =
                validClaims()
                        .expirationTime(Date.from(NOW.plus(Duration.ofHours(1))))
                        .build()
                        .toString();
        String altered = parts[0] + "." + Base64URL.encode(longer) + "." + parts[2];

        assertRejected(Reason.SIGNATURE, () -> verify(altered, edAgent.getPublic()));
    }

    @Test
    void rejectsACriticalHeaderItDoesNotUnderstand() throws JOSEException {
        JWSHeader header =
                new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                        .customParam("sigil-x", "1")
                        .criticalParams(Set.of("sigil-x"))
                        .build();
        SignedJWT jwt = new SignedJWT(header, validClaims().build());
        jwt.sign(edSigner(edAgent));

        assertRejected(Reason.SIGNATURE, () -> verify(jwt.serialize(), edAgent.getPublic()));
    }

    @Test
    void rejectsAnExpiredAssertion() throws JOSEException {
        String expired = edAssertion(c -> c.expirationTime(Date.from(NOW.minusSeconds(30))));
        String withinSkew = edAssertion(c -> c.expirationTime(Date.from(NOW.minusSeconds(29))));

        assertRejected(Reason.EXPIRED, () -> verify(expired, edAgent.getPublic()));
        assertEquals("jti-1", verify(withinSkew, edAgent.getPublic()).jti());
    }

    @Test
    void rejectsAnExpiryMoreThanFiveMinutesAhead() throws JOSEException {
        String tooLong =
                edAssertion(
                        c ->
                                c.expirationTime(
                                        Date.from(NOW.plus(Duration.ofSeconds(5 * 60 + 31)))));
        String fiveMinutesAndSkew =
                edAssertion(
                        c ->
                                c.expirationTime(
                                        Date.from(NOW.plus(Duration.ofSeconds(5 * 60 + 30)))));

        assertRejected(Reason.LIFETIME_TOO_LONG, () -> verify(tooLong, edAgent.getPublic()));
        assertEquals("jti-1", verify(fiveMinutesAndSkew, edAgent.getPublic()).jti());
    }

    @Test
    void rejectsAnAssertionIssuedInTheFuture() throws JOSEException {
        String future = edAssertion(c -> c.issueTime(Date.from(NOW.plusSeconds(31))));
        String notBefore = edAssertion(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(31))));
        String withinSkew = edAssertion(c -> c.issueTime(Date.from(NOW.plusSeconds(30))));

        assertRejected(Reason.NOT_YET_VALID, () -> verify(future, edAgent.getPublic()));
        assertRejected(Reason.NOT_YET_VALID, () -> verify(notBefore, edAgent.getPublic()));
        assertEquals("jti-1", verify(withinSkew, edAgent.getPublic()).jti());
    }

    @Test
    void rejectsMissingExpiryButAcceptsMissingIssueTime() throws JOSEException {
        String noExp = edAssertion(c -> c.expirationTime(null));
        String noIat = edAssertion(c -> c.issueTime(null));

        assertRejected(Reason.MISSING_CLAIM, () -> verify(noExp, edAgent.getPublic()));
        assertNull(verify(noIat, edAgent.getPublic()).issuedAt(), "RFC 7523: iat is optional");
    }

    @Test
    void rejectsClaimsOfTheWrongType() throws JOSEException {
        String stringExpiry = edAssertion(c -> c.claim("exp", "soon"));

        assertRejected(Reason.MALFORMED, () -> verify(stringExpiry, edAgent.getPublic()));
    }

    @Test
    void rejectsAWrongAudience() throws JOSEException {
        String wrong = edAssertion(c -> c.audience("https://other.example/oauth2/token"));
        String none = edAssertion(c -> c.audience((String) null));

        assertRejected(Reason.AUDIENCE, () -> verify(wrong, edAgent.getPublic()));
        assertRejected(Reason.AUDIENCE, () -> verify(none, edAgent.getPublic()));
    }

    @Test
    void rejectsAnIssuerThatIsNotTheSubject() throws JOSEException {
        String otherIssuer = edAssertion(c -> c.issuer("agent-other"));
        String noIssuer = edAssertion(c -> c.issuer(null));

        assertRejected(Reason.ISSUER, () -> verify(otherIssuer, edAgent.getPublic()));
        assertRejected(Reason.ISSUER, () -> verify(noIssuer, edAgent.getPublic()));
    }

    @Test
    void rejectsAnAssertionOfAnotherAgentSignedWithItsOwnKey() throws JOSEException {
        String other = edAssertion(c -> c.issuer("agent-other").subject("agent-other"));

        assertRejected(Reason.ISSUER, () -> verify(other, edAgent.getPublic()));
    }

    @Test
    void rejectsAMissingBlankOrOverlongJti() throws JOSEException {
        String missing = edAssertion(c -> c.jwtID(null));
        String blank = edAssertion(c -> c.jwtID("  "));
        String longest = edAssertion(c -> c.jwtID("j".repeat(200)));
        String overlong = edAssertion(c -> c.jwtID("j".repeat(201)));

        assertRejected(Reason.MISSING_JTI, () -> verify(missing, edAgent.getPublic()));
        assertRejected(Reason.MISSING_JTI, () -> verify(blank, edAgent.getPublic()));
        assertEquals(200, verify(longest, edAgent.getPublic()).jti().length());
        assertRejected(Reason.INVALID_JTI, () -> verify(overlong, edAgent.getPublic()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "garbage",
                "a.b.c",
                "...",
                "....",
                "eyJhbGciOiJFZERTQSJ9",
                "eyJhbGciOiJFZERTQSJ9..",
                "e30.e30.AAAA",
                "W10.e30.AAAA",
                "{\"alg\":\"EdDSA\"}.{}.x"
            })
    void rejectsGarbage(String assertion) {
        assertRejected(Reason.MALFORMED, () -> verify(assertion, edAgent.getPublic()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "eyJhbGciOiJFZERTQSJ9.bm90IGpzb24.AAAA",
                "eyJhbGciOiJFZERTQSJ9.e30.!!!!",
                "eyJhbGciOiJFZERTQSJ9.e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            })
    void rejectsJunkUnderAnEdDsaHeaderAtTheSignature(String assertion) {
        assertRejected(Reason.SIGNATURE, () -> verify(assertion, edAgent.getPublic()));
    }

    @Test
    void rejectsAnOversizedAssertionUnparsed() throws JOSEException {
        String huge = edAssertion(c -> c.claim("pad", "x".repeat(9000)));

        assertRejected(Reason.MALFORMED, () -> verify(huge, edAgent.getPublic()));
    }

    @Test
    void rejectsAJweInsteadOfAJws() throws JOSEException {
        JWEObject jwe =
                new JWEObject(
                        new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                                .contentType("JWT")
                                .build(),
                        new Payload(validClaims().build().toJSONObject()));
        jwe.encrypt(new DirectEncrypter(new SecretKeySpec(new byte[32], "AES")));

        assertRejected(Reason.ALGORITHM, () -> verify(jwe.serialize(), edAgent.getPublic()));
    }

    @Test
    void givesTheSameMessageForEveryReason() {
        for (Reason reason : Reason.values()) {
            InvalidClientAssertionException e = new InvalidClientAssertionException(reason);

            assertEquals(InvalidClientAssertionException.MESSAGE, e.getMessage());
            assertNull(e.getCause());
            assertEquals(0, e.getStackTrace().length);
        }
    }

    VerifiedAssertion verify(String assertion, PublicKey key) {
        return cut.verify(assertion, AGENT, key, AUDIENCES, NOW);
    }

    static JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder()
                .issuer(AGENT)
                .subject(AGENT)
                .audience(TOKEN_ENDPOINT)
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(60)))
                .jwtID("jti-1");
    }

    static String edAssertion(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        return assertion(
                JWSAlgorithm.EdDSA, edSigner(edAgent), change.apply(validClaims()).build());
    }

    static String assertion(JWSAlgorithm alg, JWSSigner signer, JWTClaimsSet claims)
            throws JOSEException {
        SignedJWT jwt =
                new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    static JWSSigner edSigner(KeyPair agent) throws JOSEException {
        return new BouncyCastleEd25519Signer(agent.getPrivate());
    }

    /** Signs like an agent that sends {@code alg: Ed25519} (RFC 9864): same bytes, other name. */
    static JWSSigner edSignerAnyAlg(KeyPair agent) throws JOSEException {
        BouncyCastleEd25519Signer signer = new BouncyCastleEd25519Signer(agent.getPrivate());
        return new JWSSigner() {
            @Override
            public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
                return signer.sign(new JWSHeader(JWSAlgorithm.EdDSA), signingInput);
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return Set.of(JWSAlgorithm.Ed25519);
            }

            @Override
            public com.nimbusds.jose.jca.JCAContext getJCAContext() {
                return signer.getJCAContext();
            }
        };
    }

    static void assertRejected(Reason reason, Executable call) {
        InvalidClientAssertionException e =
                assertThrows(InvalidClientAssertionException.class, call);
        assertEquals(reason, e.reason());
        assertEquals(InvalidClientAssertionException.MESSAGE, e.getMessage());
    }
}
