package dev.sigil.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sigil.tokens.control.BouncyCastleEd25519Signer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/** An Ed25519 key pair made in the test, as an agent would hold it, and its client assertions. */
public final class Ed25519Agent {

    private final KeyPair keys;

    public Ed25519Agent() {
        try {
            keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as PEM ({@code BEGIN PUBLIC KEY}, SubjectPublicKeyInfo). */
    public String publicPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** An RFC 7523 client assertion for {@code agentId}, valid for a minute. */
    public String assertion(String agentId, String audience) {
        long now = System.currentTimeMillis();
        JWTClaimsSet claims =
                new JWTClaimsSet.Builder()
                        .issuer(agentId)
                        .subject(agentId)
                        .audience(audience)
                        .issueTime(new Date(now))
                        .expirationTime(new Date(now + 60_000))
                        .jwtID(UUID.randomUUID().toString())
                        .build();
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(JOSEObjectType.JWT).build(),
                        claims);
        try {
            jwt.sign(new BouncyCastleEd25519Signer(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
