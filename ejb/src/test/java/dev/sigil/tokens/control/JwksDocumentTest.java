package dev.sigil.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.sigil.tokens.entity.SigningKey;
import dev.sigil.tokens.entity.SigningKey.Algorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwksDocumentTest {

    /** Private members of RSA (RFC 7518, section 6.3.2) and OKP (RFC 8037, section 2) JWKs. */
    static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    static SigningKey edKey;
    static SigningKey rsaKey;

    JwksDocument cut;

    @BeforeAll
    static void generateSigningKeys() {
        edKey = SigningKey.generate(Algorithm.EDDSA, NOW, Duration.ofDays(30));
        rsaKey = SigningKey.generate(Algorithm.RS256, NOW, Duration.ofDays(30));
    }

    @BeforeEach
    void newDocument() {
        cut = new JwksDocument();
    }

    @Test
    void publishesBothKeysWithKidAlgAndUse() throws Exception {
        List<Map<String, Object>> keys = keysOf(cut.json(List.of(edKey, rsaKey)));

        assertEquals(2, keys.size());
        assertEquals(edKey.kid(), keys.get(0).get("kid"));
        assertEquals("OKP", keys.get(0).get("kty"));
        assertEquals("Ed25519", keys.get(0).get("crv"));
        assertEquals("EdDSA", keys.get(0).get("alg"));
        assertEquals("sig", keys.get(0).get("use"));
        assertEquals(rsaKey.kid(), keys.get(1).get("kid"));
        assertEquals("RSA", keys.get(1).get("kty"));
        assertEquals("RS256", keys.get(1).get("alg"));
        assertEquals("sig", keys.get(1).get("use"));
    }

    @Test
    void containsNoPrivateMember() throws Exception {
        String json = cut.json(List.of(edKey, rsaKey));

        for (Map<String, Object> key : keysOf(json)) {
            for (String member : PRIVATE_MEMBERS) {
                assertFalse(key.containsKey(member), member + " in " + key.get("kid"));
            }
        }
        assertFalse(json.contains("\"d\""));
    }

    @Test
    void listsAKeyOnlyOnce() throws Exception {
        assertEquals(1, keysOf(cut.json(List.of(edKey, edKey))).size());
    }

    @Test
    void isAnEmptySetWithoutKeys() throws Exception {
        String json = cut.json(List.of());

        assertTrue(keysOf(json).isEmpty());
    }

    static List<Map<String, Object>> keysOf(String json) throws Exception {
        Map<String, Object> document = JSONObjectUtils.parse(json);
        assertEquals(Set.of("keys"), document.keySet());
        return JSONObjectUtils.getJSONObjectArray(document, "keys") == null
                ? List.of()
                : List.of(JSONObjectUtils.getJSONObjectArray(document, "keys"));
    }
}
