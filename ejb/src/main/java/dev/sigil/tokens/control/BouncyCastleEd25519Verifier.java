package dev.sigil.tokens.control;

import com.nimbusds.jose.CriticalHeaderParamsAware;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Set;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Verifies JWS objects with {@code alg: EdDSA} over an Ed25519 public key, using BouncyCastle's
 * {@link Ed25519Signer}. Any other algorithm in the header is an error, any other key type is
 * refused when the verifier is built, and a header with critical parameters ({@code crit}) fails
 * verification, since this verifier understands none (RFC 7515, section 4.1.11). Thread-safe.
 */
public final class BouncyCastleEd25519Verifier implements JWSVerifier, CriticalHeaderParamsAware {

    private static final Set<JWSAlgorithm> SUPPORTED = Set.of(JWSAlgorithm.EdDSA);

    private final Ed25519PublicKeyParameters publicKey;
    private final CriticalHeaderParamsDeferral critical = new CriticalHeaderParamsDeferral();
    private final JCAContext jcaContext = new JCAContext();

    public BouncyCastleEd25519Verifier(Ed25519PublicKeyParameters publicKey) {
        if (publicKey == null) {
            throw new IllegalArgumentException("The Ed25519 public key is required");
        }
        this.publicKey = publicKey;
    }

    /**
     * @param publicKey an Ed25519 public key of any provider that encodes it as X.509
     *     SubjectPublicKeyInfo (the JDK's {@code EdDSA} keys and BouncyCastle's both do)
     * @throws JOSEException if the key is not an Ed25519 public key
     */
    public BouncyCastleEd25519Verifier(PublicKey publicKey) throws JOSEException {
        this(ed25519(publicKey));
    }

    /**
     * @param jwk an {@code OKP} JWK on the {@code Ed25519} curve, as published in a JWKS
     * @throws JOSEException if the JWK is on another curve or its {@code x} is not a valid point
     */
    public BouncyCastleEd25519Verifier(OctetKeyPair jwk) throws JOSEException {
        this(ed25519(jwk));
    }

    static Ed25519PublicKeyParameters ed25519(PublicKey publicKey) throws JOSEException {
        byte[] spki = publicKey == null ? null : publicKey.getEncoded();
        if (spki == null) {
            throw new JOSEException("An Ed25519 public key encodable as X.509 is required");
        }
        AsymmetricKeyParameter parameters;
        try {
            parameters = PublicKeyFactory.createKey(spki);
        } catch (IOException | RuntimeException e) {
            throw new JOSEException("The public key is not a readable X.509 key");
        }
        if (parameters instanceof Ed25519PublicKeyParameters ed25519) {
            return ed25519;
        }
        throw new JOSEException("The public key is not an Ed25519 key");
    }

    private static Ed25519PublicKeyParameters ed25519(OctetKeyPair jwk) throws JOSEException {
        if (jwk == null || !Curve.Ed25519.equals(jwk.getCurve())) {
            throw new JOSEException("The JWK is not an Ed25519 key");
        }
        byte[] x = jwk.getDecodedX();
        if (x == null || x.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new JOSEException("The JWK's x is not a 32-byte Ed25519 public key");
        }
        try {
            return new Ed25519PublicKeyParameters(x);
        } catch (RuntimeException e) {
            throw new JOSEException("The JWK's x is not a valid Ed25519 public key");
        }
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature)
            throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            throw new JOSEException(
                    "Unsupported JWS algorithm " + header.getAlgorithm() + ", must be EdDSA");
        }
        if (!critical.headerPasses(header) || signature == null) {
            return false;
        }
        byte[] signatureBytes = signature.decode();
        if (signatureBytes.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(signedContent, 0, signedContent.length);
        return verifier.verifySignature(signatureBytes);
    }

    @Override
    public Set<String> getProcessedCriticalHeaderParams() {
        return critical.getProcessedCriticalHeaderParams();
    }

    @Override
    public Set<String> getDeferredCriticalHeaderParams() {
        return critical.getDeferredCriticalHeaderParams();
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
