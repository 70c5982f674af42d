package dev.sigil.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.sigil.tokens.control.BouncyCastleEd25519Verifier;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/** Keys and a resource server's view of Sigil's tokens, shared by the tests of this component. */
public final class TokensFixture {

    /** RFC 8037, appendix A.1: the Ed25519 private key {@code d} and public key {@code x}. */
    public static final String RFC8037_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";

    public static final String RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    /** RFC 8037, appendix A.3: the JWK thumbprint of that key. */
    public static final String RFC8037_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

    /** RFC 8037, appendix A.4: {@code "Example of Ed25519 signing"} signed with that key. */
    public static final String RFC8037_JWS =
            "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
                    + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    private TokensFixture() {}

    /** The RFC 8037 key as plain JDK keys. */
    public static KeyPair rfc8037KeyPair() {
        Ed25519PrivateKeyParameters privateKey =
                new Ed25519PrivateKeyParameters(
                        com.nimbusds.jose.util.Base64URL.from(RFC8037_D).decode());
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            return new KeyPair(
                    factory.generatePublic(
                            new X509EncodedKeySpec(
                                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                                                    privateKey.generatePublicKey())
                                            .getEncoded())),
                    factory.generatePrivate(
                            new PKCS8EncodedKeySpec(
                                    PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey)
                                            .getEncoded())));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An agent's key pair as the JDK makes it: {@code Ed25519}, {@code Ed448}, or RSA. */
    public static KeyPair jdkKeyPair(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey pkcs8(String algorithm, byte[] der) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /**
     * A resource server: Nimbus's stock {@link DefaultJWTProcessor} over the published JWKS JSON,
     * with the stock verifiers for RSA and ours for EdDSA. Claims are checked by the caller.
     */
    public static DefaultJWTProcessor<SecurityContext> resourceServer(String jwksJson)
            throws ParseException {
        JWKSource<SecurityContext> source = new ImmutableJWKSet<>(JWKSet.parse(jwksJson));
        JWSKeySelector<SecurityContext> keys =
                (header, context) -> {
                    List<Key> selected = new ArrayList<>();
                    for (JWK jwk :
                            source.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), context)) {
                        selected.add(toPublicKey(jwk));
                    }
                    return selected;
                };
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keys);
        processor.setJWSVerifierFactory(new EdDsaAwareVerifierFactory());
        return processor;
    }

    /** Nimbus cannot turn an OKP JWK into a JDK key without Tink; SPKI can. */
    private static PublicKey toPublicKey(JWK jwk) {
        try {
            if (jwk instanceof RSAKey rsa) {
                return rsa.toRSAPublicKey();
            }
            OctetKeyPair okp = (OctetKeyPair) jwk;
            byte[] spki =
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                                    new Ed25519PublicKeyParameters(okp.getDecodedX()))
                            .getEncoded();
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (JOSEException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class EdDsaAwareVerifierFactory implements JWSVerifierFactory {

        private final DefaultJWSVerifierFactory stock = new DefaultJWSVerifierFactory();

        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            if (JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                return new BouncyCastleEd25519Verifier((PublicKey) key);
            }
            return stock.createJWSVerifier(header, key);
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            Set<JWSAlgorithm> all = new HashSet<>(stock.supportedJWSAlgorithms());
            all.add(JWSAlgorithm.EdDSA);
            return all;
        }

        @Override
        public JCAContext getJCAContext() {
            return stock.getJCAContext();
        }
    }
}
