package dev.sigil.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sigil.tokens.control.BouncyCastleEd25519Signer;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;

/** Client assertions as the agent CLI makes them: EdDSA, a fresh jti; one minute by default. */
final class ClientAssertions {

    private ClientAssertions() {}

    static String assertion(String agentId, KeyPair keys, String audience) throws JOSEException {
        return assertion(agentId, keys, audience, Duration.ofMinutes(1));
    }

    static String assertion(String agentId, KeyPair keys, String audience, Duration lifetime)
            throws JOSEException {
        long now = System.currentTimeMillis();
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(JOSEObjectType.JWT).build(),
                        new JWTClaimsSet.Builder()
                                .issuer(agentId)
                                .subject(agentId)
                                .audience(audience)
                                .issueTime(new Date(now))
                                .expirationTime(new Date(now + lifetime.toMillis()))
                                .jwtID(UUID.randomUUID().toString())
                                .build());
        jwt.sign(new BouncyCastleEd25519Signer(keys.getPrivate()));
        return jwt.serialize();
    }
}
