package dev.sigil.tokens.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.security.PrivateKey;
import java.util.Set;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Signs JWS objects with {@code alg: EdDSA} over an Ed25519 key, using BouncyCastle's {@link
 * Ed25519Signer} (about 20 times faster than the JDK 17 implementation on our machines, and no
 * Google Tink, which Nimbus's own Ed25519 signer needs). Thread-safe: every signature uses a fresh
 * BouncyCastle signer over the shared, immutable key parameters.
 */
public final class BouncyCastleEd25519Signer implements JWSSigner {

    private static final Set<JWSAlgorithm> SUPPORTED = Set.of(JWSAlgorithm.EdDSA);

    private final Ed25519PrivateKeyParameters privateKey;
    private final JCAContext jcaContext = new JCAContext();

    public BouncyCastleEd25519Signer(Ed25519PrivateKeyParameters privateKey) {
        if (privateKey == null) {
            throw new IllegalArgumentException("The Ed25519 private key is required");
        }
        this.privateKey = privateKey;
    }

    /**
     * @param privateKey an Ed25519 private key of any provider that encodes it as PKCS#8
     * @throws JOSEException if the key is not an Ed25519 private key
     */
    public BouncyCastleEd25519Signer(PrivateKey privateKey) throws JOSEException {
        this(ed25519(privateKey));
    }

    static Ed25519PrivateKeyParameters ed25519(PrivateKey privateKey) throws JOSEException {
        byte[] pkcs8 = privateKey == null ? null : privateKey.getEncoded();
        if (pkcs8 == null) {
            throw new JOSEException("An Ed25519 private key encodable as PKCS#8 is required");
        }
        AsymmetricKeyParameter parameters;
        try {
            parameters = PrivateKeyFactory.createKey(pkcs8);
        } catch (IOException | RuntimeException e) {
            throw new JOSEException("The private key is not a readable PKCS#8 key");
        }
        if (parameters instanceof Ed25519PrivateKeyParameters ed25519) {
            return ed25519;
        }
        throw new JOSEException("The private key is not an Ed25519 key");
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            throw new JOSEException(
                    "Unsupported JWS algorithm " + header.getAlgorithm() + ", must be EdDSA");
        }
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(signingInput, 0, signingInput.length);
        return Base64URL.encode(signer.generateSignature());
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return SUPPORTED;
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
