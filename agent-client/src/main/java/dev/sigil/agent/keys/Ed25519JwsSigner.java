package dev.sigil.agent.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A Nimbus {@link JWSSigner} for {@code EdDSA} over BouncyCastle's {@link Ed25519Signer}, so that
 * Nimbus needs no Google Tink. The only crypto glue of the agent.
 */
public final class Ed25519JwsSigner implements JWSSigner {

    private final Ed25519PrivateKeyParameters privateKey;
    private final JCAContext jcaContext = new JCAContext();

    public Ed25519JwsSigner(AgentKeyPair key) {
        this.privateKey = key.privateKey();
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            throw new JOSEException(
                    "Unsupported JWS algorithm " + header.getAlgorithm() + ", must be EdDSA");
        }
        // Ed25519Signer buffers the message and is not thread-safe: one per signature.
        var signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(signingInput, 0, signingInput.length);
        return Base64URL.encode(signer.generateSignature());
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        // Not used: the signature comes from BouncyCastle's lightweight API, not from a JCA
        // provider. Nimbus's JWSProvider contract still asks for one.
        return jcaContext;
    }
}
