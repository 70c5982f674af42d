package dev.sigil.tokens.control;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.sigil.tokens.entity.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public JWKS ({@code {"keys":[...]}}) of Sigil's signing keys, for resource servers to verify
 * access tokens with. Only public members are ever written: each key contributes its {@link
 * SigningKey#publicJwk() public JWK}, and the set is serialized with private members excluded.
 * Which keys to publish is the caller's choice: every key that is active, about to become active,
 * or retired for less than the longest access-token lifetime.
 */
@ApplicationScoped
public class JwksDocument {

    /** The media type to serve the document with (RFC 7517, section 8.5.1). */
    public static final String MEDIA_TYPE = "application/jwk-set+json";

    /** The JWKS as a Nimbus set of public keys, in the given order, one entry per key id. */
    public JWKSet jwkSet(Collection<SigningKey> keys) {
        Map<String, JWK> byKid = new LinkedHashMap<>();
        for (SigningKey key : keys) {
            byKid.putIfAbsent(key.kid(), key.publicJwk().toPublicJWK());
        }
        List<JWK> jwks = new ArrayList<>(byKid.values());
        return new JWKSet(jwks);
    }

    /** The JWKS as JSON. */
    public String json(Collection<SigningKey> keys) {
        return jwkSet(keys).toString(true);
    }
}
