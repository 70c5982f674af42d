package dev.sigil.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.tokens.entity.SigningKey;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * Sigil's RS256 access tokens, checked by a MicroProfile JWT implementation (SmallRye JWT, the one
 * behind Quarkus and WildFly) that knows nothing of Sigil but its issuer and its JWKS document.
 */
class MicroProfileJwtCompatibilityTest {

    static final String ISSUER = "https://sigil.example";

    AccessTokenMinter cut = new AccessTokenMinter();

    SigningKey rs256 =
            SigningKey.generate(SigningKey.Algorithm.RS256, Instant.now(), Duration.ofDays(1));
    SigningKey eddsa =
            SigningKey.generate(SigningKey.Algorithm.EDDSA, Instant.now(), Duration.ofDays(1));

    DefaultJWTParser microProfile() {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy(ISSUER);
        context.setExpectedAudience(java.util.Set.of(ISSUER));
        context.setPublicKeyContent(new JwksDocument().json(List.of(eddsa, rs256)));
        return new DefaultJWTParser(context);
    }

    @Test
    void anRs256AccessTokenVerifiesWithMicroProfileJwt() throws ParseException {
        String token =
                cut.mint(
                        rs256,
                        ISSUER,
                        "agent-1",
                        ISSUER,
                        Instant.now(),
                        Duration.ofMinutes(5),
                        Map.of("sigil_key", "thumbprint"));

        JsonWebToken jwt = microProfile().parse(token);

        assertEquals("agent-1", jwt.getSubject());
        assertEquals("agent-1", jwt.getName(), "upn names the agent");
        assertEquals(ISSUER, jwt.getIssuer());
        assertTrue(jwt.getGroups().contains("agent"));
        assertEquals("thumbprint", jwt.getClaim("sigil_key"));
    }

    @Test
    void aTamperedTokenIsRefusedByMicroProfileJwt() {
        String token =
                cut.mint(
                        rs256,
                        ISSUER,
                        "agent-1",
                        ISSUER,
                        Instant.now(),
                        Duration.ofMinutes(5),
                        Map.of());
        String[] parts = token.split("\\.");
        String forged =
                parts[0]
                        + "."
                        + java.util.Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(
                                        ("{\"iss\":\""
                                                        + ISSUER
                                                        + "\",\"sub\":\"admin\",\"exp\":"
                                                        + (Instant.now().getEpochSecond() + 60)
                                                        + "}")
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        + "."
                        + parts[2];

        assertThrows(ParseException.class, () -> microProfile().parse(forged));
    }
}
