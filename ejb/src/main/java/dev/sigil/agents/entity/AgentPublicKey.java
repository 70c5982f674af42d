package dev.sigil.agents.entity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;

/**
 * An agent's public key: its type and the key itself, with the encodings and identifiers Sigil
 * shows and stores. Obtain one from {@link dev.sigil.agents.control.PublicKeyParser} (which
 * enforces what Sigil accepts) or rebuild a stored one with {@link #fromSpkiDer(KeyType, byte[])}.
 *
 * @param type Ed25519 or RSA
 * @param publicKey the JCA key, of the algorithm {@code type} names
 */
public record AgentPublicKey(KeyType type, PublicKey publicKey) {

    private static final Set<String> EDDSA_ALGORITHMS = Set.of("EdDSA", "Ed25519");

    /** Checks that the key is of the stated type. */
    public AgentPublicKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(publicKey, "publicKey");
        boolean matches =
                switch (type) {
                    case RSA -> publicKey instanceof RSAPublicKey;
                    case ED25519 -> EDDSA_ALGORITHMS.contains(publicKey.getAlgorithm());
                };
        if (!matches || !"X.509".equals(publicKey.getFormat())) {
            throw new IllegalArgumentException(
                    "a " + publicKey.getAlgorithm() + " key is not of type " + type);
        }
    }

    /**
     * Rebuilds a key from its stored form. Applies no acceptance policy (minimum sizes may rise
     * later; stored keys must stay readable): that is the parser's job.
     *
     * @throws IllegalArgumentException if the bytes are not a {@code type} SubjectPublicKeyInfo
     */
    public static AgentPublicKey fromSpkiDer(KeyType type, byte[] spkiDer) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(spkiDer, "spkiDer");
        try {
            PublicKey key =
                    KeyFactory.getInstance(type.jcaName())
                            .generatePublic(new X509EncodedKeySpec(spkiDer));
            return new AgentPublicKey(type, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a " + type + " SubjectPublicKeyInfo", e);
        }
    }

    /** The X.509 SubjectPublicKeyInfo in DER, the canonical storage form. */
    public byte[] spkiDer() {
        return publicKey.getEncoded();
    }

    /**
     * The OpenSSH fingerprint, {@code SHA256:} and the unpadded base64 of the SHA-256 of the SSH
     * wire-format key: what {@code ssh-keygen -lf} prints.
     */
    public String fingerprint() {
        byte[] digest = sha256(sshBlob());
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    /** The RFC 7638 JWK SHA-256 thumbprint, base64url without padding. */
    public String thumbprint() {
        try {
            return toJwk().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The public JWK: {@code kty OKP, crv Ed25519} or {@code kty RSA}, with the key material only
     * (no {@code kid}, {@code alg} or {@code use}; callers add what their context needs).
     */
    public JWK toJwk() {
        return switch (type) {
            case RSA -> new RSAKey.Builder((RSAPublicKey) publicKey).build();
            case ED25519 ->
                    new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(rawEd25519())).build();
        };
    }

    /** The one-line OpenSSH form, without a comment: {@code ssh-ed25519 AAAA...}. */
    public String toOpenSsh() {
        return type.sshName() + " " + Base64.getEncoder().encodeToString(sshBlob());
    }

    @Override
    public String toString() {
        return "AgentPublicKey[" + type + " " + fingerprint() + "]";
    }

    private byte[] sshBlob() {
        AsymmetricKeyParameter parameters =
                switch (type) {
                    case RSA -> {
                        RSAPublicKey rsa = (RSAPublicKey) publicKey;
                        // internal: skips BouncyCastle's costly modulus checks, which encoding
                        // needs no more than a stored key does
                        yield new RSAKeyParameters(
                                false, rsa.getModulus(), rsa.getPublicExponent(), true);
                    }
                    case ED25519 -> new Ed25519PublicKeyParameters(rawEd25519());
                };
        try {
            return OpenSSHPublicKeyUtil.encodePublicKey(parameters);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a " + type + " key for SSH", e);
        }
    }

    private byte[] rawEd25519() {
        return SubjectPublicKeyInfo.getInstance(spkiDer()).getPublicKeyData().getOctets();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
