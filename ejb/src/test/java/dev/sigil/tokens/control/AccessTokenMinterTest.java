package dev.sigil.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.sigil.tokens.TokensFixture;
import dev.sigil.tokens.entity.SigningKey;
import dev.sigil.tokens.entity.SigningKey.Algorithm;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessTokenMinterTest {

    static final String ISSUER = "https://sigil.example";
    static final String AGENT = "agent-7f3a";
    static final String AUDIENCE = "https://api.example";
    static final Duration TTL = Duration.ofMinutes(5);

    static SigningKey edKey;
    static SigningKey rsaKey;
    static String jwks;

    AccessTokenMinter cut;

    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void generateSigningKeys() {
        Instant created = Instant.now().minus(Duration.ofDays(1));
        edKey = SigningKey.generate(Algorithm.EDDSA, created, Duration.ofDays(30));
        rsaKey = SigningKey.generate(Algorithm.RS256, created, Duration.ofDays(30));
        jwks = new JwksDocument().json(List.of(edKey, rsaKey));
    }

    @BeforeEach
    void newMinter() {
        cut = new AccessTokenMinter();
    }

    @Test
    void mintsEdDsaTokensThatAResourceServerVerifiesFromTheJwks() throws Exception {
        String token = cut.mint(edKey, ISSUER, AGENT, AUDIENCE, now, TTL, null);

        JWTClaimsSet claims = resourceServer().process(token, null);

        assertMicroProfileClaims(claims);
        assertHeader(token, edKey, "EdDSA");
    }

    @Test
    void mintsRs256TokensThatAResourceServerVerifiesFromTheJwks() throws Exception {
        String token = cut.mint(rsaKey, ISSUER, AGENT, AUDIENCE, now, TTL, null);

        JWTClaimsSet claims = resourceServer().process(token, null);

        assertMicroProfileClaims(claims);
        assertHeader(token, rsaKey, "RS256");
    }

    @Test
    void aResourceServerRejectsATokenWithAnAlteredClaim() throws Exception {
        String token = cut.mint(edKey, ISSUER, AGENT, AUDIENCE, now, TTL, null);
        String[] parts = token.split("\\.");
        JWTClaimsSet forged =
                new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet())
                        .subject("agent-other")
                        .claim("upn", "agent-other")
                        .build();
        String altered =
                parts[0]
                        + "."
                        + com.nimbusds.jose.util.Base64URL.encode(forged.toString())
                        + "."
                        + parts[2];

        assertThrows(BadJOSEException.class, () -> resourceServer().process(altered, null));
    }

    @Test
    void aResourceServerRejectsAnExpiredToken() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        SigningKey old = SigningKey.generate(Algorithm.EDDSA, longAgo, Duration.ofDays(1));
        String token = cut.mint(old, ISSUER, AGENT, AUDIENCE, longAgo, TTL, null);

        assertThrows(
                BadJWTException.class,
                () ->
                        TokensFixture.resourceServer(new JwksDocument().json(List.of(old)))
                                .process(token, null));
    }

    @Test
    void setsExpiryFromTheLifetimeAndAFreshJtiEachTime() throws Exception {
        JWTClaimsSet first =
                SignedJWT.parse(cut.mint(edKey, ISSUER, AGENT, AUDIENCE, now, TTL, null))
                        .getJWTClaimsSet();
        JWTClaimsSet second =
                SignedJWT.parse(cut.mint(edKey, ISSUER, AGENT, AUDIENCE, now, TTL, null))
                        .getJWTClaimsSet();

        assertEquals(now, first.getIssueTime().toInstant());
        assertEquals(now.plus(TTL), first.getExpirationTime().toInstant());
        assertNotEquals(first.getJWTID(), second.getJWTID());
        assertEquals(36, first.getJWTID().length());
    }

    @Test
    void addsExtraClaims() throws Exception {
        String token =
                cut.mint(
                        edKey,
                        ISSUER,
                        AGENT,
                        AUDIENCE,
                        now,
                        TTL,
                        Map.of("scope", "jobs:read", "cnf", Map.of("jkt", "abc")));

        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals("jobs:read", claims.getStringClaim("scope"));
        assertEquals("abc", claims.getJSONObjectClaim("cnf").get("jkt"));
    }

    @Test
    void refusesExtraClaimsThatWouldReplaceItsOwn() {
        for (String reserved : AccessTokenMinter.RESERVED_CLAIMS) {
            Map<String, Object> extra = Map.of(reserved, "x");
            assertThrows(
                    IllegalArgumentException.class,
                    () -> cut.mint(edKey, ISSUER, AGENT, AUDIENCE, now, TTL, extra),
                    reserved);
        }
    }

    @Test
    void refusesToSignWithAKeyThatIsNotActive() {
        assertThrows(
                IllegalStateException.class,
                () -> cut.mint(edKey, ISSUER, AGENT, AUDIENCE, edKey.retires(), TTL, null));
        assertThrows(
                IllegalStateException.class,
                () ->
                        cut.mint(
                                edKey,
                                ISSUER,
                                AGENT,
                                AUDIENCE,
                                edKey.activated().minusSeconds(1),
                                TTL,
                                null));
    }

    @Test
    void refusesMissingArgumentsAndANonPositiveLifetime() {
        assertThrows(
                IllegalArgumentException.class,
                () -> cut.mint(edKey, null, AGENT, AUDIENCE, now, TTL, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> cut.mint(edKey, ISSUER, " ", AUDIENCE, now, TTL, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> cut.mint(edKey, ISSUER, AGENT, null, now, TTL, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> cut.mint(null, ISSUER, AGENT, AUDIENCE, now, TTL, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> cut.mint(edKey, ISSUER, AGENT, AUDIENCE, now, Duration.ZERO, null));
    }

    @Test
    void keepsSigningCorrectlyWithManyKeys() throws Exception {
        for (int i = 0; i < AccessTokenMinter.MAX_CACHED_KEYS + 2; i++) {
            SigningKey key = SigningKey.generate(Algorithm.EDDSA, now, TTL);
            String token = cut.mint(key, ISSUER, AGENT, AUDIENCE, now, TTL, null);
            TokensFixture.resourceServer(new JwksDocument().json(List.of(key)))
                    .process(token, null);
        }
        String token = cut.mint(edKey, ISSUER, AGENT, AUDIENCE, now, TTL, null);
        resourceServer().process(token, null);
    }

    DefaultJWTProcessor<SecurityContext> resourceServer() throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = TokensFixture.resourceServer(jwks);
        processor.setJWTClaimsSetVerifier(
                new DefaultJWTClaimsVerifier<>(
                        AUDIENCE,
                        new JWTClaimsSet.Builder()
                                .issuer(ISSUER)
                                .subject(AGENT)
                                .claim("upn", AGENT)
                                .build(),
                        Set.of("exp", "iat", "jti", "groups")));
        return processor;
    }

    static void assertMicroProfileClaims(JWTClaimsSet claims) throws Exception {
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals(AGENT, claims.getSubject());
        assertEquals(AGENT, claims.getStringClaim("upn"));
        assertEquals(List.of(AUDIENCE), claims.getAudience());
        assertEquals(List.of("agent"), claims.getStringListClaim("groups"));
        assertEquals(
                TTL,
                Duration.between(
                        claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()));
    }

    static void assertHeader(String token, SigningKey key, String alg) throws Exception {
        JWSHeader header = SignedJWT.parse(token).getHeader();
        assertEquals(alg, header.getAlgorithm().getName());
        assertEquals(key.kid(), header.getKeyID());
        assertEquals(JOSEObjectType.JWT, header.getType());
        assertNull(header.getCriticalParams());
    }
}
