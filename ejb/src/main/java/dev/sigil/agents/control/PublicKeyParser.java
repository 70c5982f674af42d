package dev.sigil.agents.control;

import static dev.sigil.agents.control.InvalidPublicKeyException.KEY_TYPE;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.sigil.agents.entity.AgentPublicKey;
import dev.sigil.agents.entity.KeyType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Turns the text an administrator pastes into a validated {@link AgentPublicKey}.
 *
 * <p>Accepted, for Ed25519 and RSA: the one-line OpenSSH form ({@code ssh-ed25519 AAAA... comment},
 * {@code ssh-rsa ...}); PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) and {@code RSA PUBLIC KEY}
 * (PKCS#1); a public JWK ({@code kty OKP, crv Ed25519} or {@code kty RSA}); and raw base64,
 * standard or url-safe, when a key type hint says what it is (32 bytes for Ed25519, DER
 * SubjectPublicKeyInfo or PKCS#1 for RSA). Everything else fails with an {@link
 * InvalidPublicKeyException} that says what is wrong; no other exception escapes. Stateless and
 * thread-safe; usable with {@code new}.
 */
@ApplicationScoped
public class PublicKeyParser {

    /** The longest text considered, in characters (16 KiB). */
    public static final int MAX_LENGTH = 16 * 1024;

    /** The smallest RSA modulus accepted, in bits. */
    public static final int MIN_RSA_BITS = 2048;

    /** The largest RSA modulus accepted, in bits. */
    public static final int MAX_RSA_BITS = 8192;

    static final String UNRECOGNISED =
            "not a recognised public key format: expected OpenSSH, PEM, JWK or base64 with keyType";

    static final String REQUIRED = "a public key is required";

    static final String PRIVATE_PEM = "PEM contains a private key; paste the public key only";

    private static final int ED25519_LENGTH = 32;

    /** An {@code ssh-rsa} blob of an 8192-bit key with a 64-bit exponent is 1,065 bytes. */
    private static final int MAX_SSH_RSA_BLOB = 1100;

    private static final BigInteger THREE = BigInteger.valueOf(3);

    private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----");

    private static final Pattern SSH_KEY_TYPE =
            Pattern.compile(
                    "(?:ssh-|ecdsa-|sk-)[A-Za-z0-9@._+-]*|[A-Za-z0-9._+-]+@[A-Za-z0-9._-]+");

    /** Raw base64 may be wrapped over lines, but a line holds no blanks: that would be prose. */
    private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/_=-]*");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final List<String> PRIVATE_JWK_MEMBERS =
            List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private static final Set<String> KNOWN_SSH_TYPES =
            Set.of(
                    "ssh-dss",
                    "ecdsa-sha2-nistp256",
                    "ecdsa-sha2-nistp384",
                    "ecdsa-sha2-nistp521",
                    "sk-ssh-ed25519@openssh.com",
                    "sk-ecdsa-sha2-nistp256@openssh.com",
                    "ssh-ed448",
                    "ssh-ed25519-cert-v01@openssh.com",
                    "ssh-rsa-cert-v01@openssh.com");

    private static final Set<String> NAMED_CURVES = Set.of("X25519", "Ed448", "X448");

    /**
     * Parses a pasted public key.
     *
     * @param text the key as pasted: OpenSSH, PEM, JWK or raw base64
     * @param keyTypeHint {@code ed25519}, {@code rsa} or {@code null}; required for raw base64, and
     *     when given it must match the key
     * @return the validated key
     * @throws InvalidPublicKeyException for anything Sigil does not accept, on the field {@code
     *     publicKey}, or {@code keyType} when the hint is unknown, missing or contradicted
     */
    public AgentPublicKey parse(String text, String keyTypeHint) {
        Optional<KeyType> hint = hint(keyTypeHint);
        String key = normalised(text);
        try {
            return accept(decode(key, hint), hint);
        } catch (InvalidPublicKeyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidPublicKeyException("the public key is malformed");
        }
    }

    private static Optional<KeyType> hint(String keyTypeHint) {
        if (keyTypeHint == null || keyTypeHint.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(
                KeyType.fromWireName(keyTypeHint)
                        .orElseThrow(
                                () ->
                                        new InvalidPublicKeyException(
                                                KEY_TYPE, "keyType must be ed25519 or rsa")));
    }

    private static String normalised(String text) {
        if (text == null) {
            throw new InvalidPublicKeyException(REQUIRED);
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidPublicKeyException(
                    "the text is longer than 16 KiB ("
                            + MAX_LENGTH
                            + " characters); no accepted public key is that long");
        }
        String key = text.strip();
        if (key.startsWith("\uFEFF")) {
            key = key.substring(1).strip();
        }
        if (key.isEmpty()) {
            throw new InvalidPublicKeyException(REQUIRED);
        }
        return key;
    }

    private static AsymmetricKeyParameter decode(String key, Optional<KeyType> hint) {
        if (key.contains("PRIVATE KEY-----")) {
            throw new InvalidPublicKeyException(PRIVATE_PEM);
        }
        if (key.startsWith("-----BEGIN ")) {
            return pem(key);
        }
        if (key.startsWith("---- BEGIN SSH2 PUBLIC KEY")) {
            throw new InvalidPublicKeyException(
                    "the RFC 4716 SSH2 format is not supported: paste the one-line OpenSSH form"
                            + " (ssh-keygen -i -f key.pub prints it)");
        }
        if (key.startsWith("{")) {
            return jwk(key);
        }
        String first = WHITESPACE.split(key, 2)[0];
        if (SSH_KEY_TYPE.matcher(first).matches()) {
            return openSsh(key, first);
        }
        if (key.lines().map(String::strip).allMatch(BASE64_LINE.asMatchPredicate())) {
            return base64(key, hint);
        }
        throw new InvalidPublicKeyException(UNRECOGNISED);
    }

    // OpenSSH one-line form: "<type> <base64 blob> [comment]".

    private static AsymmetricKeyParameter openSsh(String key, String name) {
        KeyType type =
                switch (name) {
                    case "ssh-ed25519" -> KeyType.ED25519;
                    case "ssh-rsa" -> KeyType.RSA;
                    default ->
                            throw new InvalidPublicKeyException(
                                    (KNOWN_SSH_TYPES.contains(name)
                                                    ? name + " keys are"
                                                    : "that key type is")
                                            + " not supported: use ssh-ed25519 or ssh-rsa");
                };
        if (key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
            throw new InvalidPublicKeyException(
                    "an OpenSSH public key is a single line; paste exactly one key");
        }
        String[] parts = WHITESPACE.split(key, 3);
        if (parts.length < 2) {
            throw new InvalidPublicKeyException(
                    "the OpenSSH key has no base64 part after " + type.sshName());
        }
        byte[] blob =
                attempt(
                        "the base64 part of the OpenSSH key is not valid base64",
                        () -> Base64.getDecoder().decode(parts[1]));
        if (type == KeyType.RSA && blob.length > MAX_SSH_RSA_BLOB) {
            throw new InvalidPublicKeyException(
                    "RSA keys may have at most " + MAX_RSA_BITS + " bits, this one has more");
        }
        AsymmetricKeyParameter parameters =
                attempt(
                        "the base64 part of the OpenSSH key is not a valid "
                                + type.sshName()
                                + " key",
                        () -> OpenSSHPublicKeyUtil.parsePublicKey(blob));
        if (parameters instanceof RSAKeyParameters rsa && type == KeyType.RSA) {
            checkRsa(rsa.getModulus(), rsa.getExponent());
            return rsa;
        }
        if (parameters instanceof Ed25519PublicKeyParameters && type == KeyType.ED25519) {
            return parameters;
        }
        throw new InvalidPublicKeyException(
                "the OpenSSH key says "
                        + type.sshName()
                        + " but its base64 part holds a different key type");
    }

    // PEM: exactly one PUBLIC KEY or RSA PUBLIC KEY block and nothing after it.

    private static AsymmetricKeyParameter pem(String key) {
        Matcher begin = PEM_BEGIN.matcher(key);
        if (!begin.lookingAt()) {
            throw new InvalidPublicKeyException(
                    "the PEM header is malformed: expected -----BEGIN PUBLIC KEY-----");
        }
        String label = begin.group(1);
        if (key.indexOf("-----BEGIN ", 1) >= 0) {
            throw new InvalidPublicKeyException(
                    "the text holds more than one PEM block; paste exactly one public key");
        }
        if (!key.endsWith("-----END " + label + "-----")) {
            throw new InvalidPublicKeyException(
                    "the PEM block must end with -----END "
                            + label
                            + "----- and nothing may follow it");
        }
        return switch (label) {
            case "PUBLIC KEY" ->
                    spki(
                            der(
                                    pemContent(key),
                                    "the PEM block is not a DER-encoded SubjectPublicKeyInfo"));
            case "RSA PUBLIC KEY" ->
                    pkcs1(
                            der(
                                    pemContent(key),
                                    "the PEM block is not a DER-encoded PKCS#1 RSA key"));
            case "CERTIFICATE" ->
                    throw new InvalidPublicKeyException(
                            "PEM contains a certificate; paste its public key only"
                                    + " (openssl x509 -pubkey -noout prints it)");
            default ->
                    throw new InvalidPublicKeyException(
                            "PEM type "
                                    + label
                                    + " is not supported: expected PUBLIC KEY or RSA PUBLIC KEY");
        };
    }

    private static byte[] pemContent(String key) {
        return attempt(
                "the PEM block is malformed or its base64 is invalid",
                () -> {
                    try (PemReader reader = new PemReader(new StringReader(key))) {
                        PemObject object = reader.readPemObject();
                        if (object == null || reader.readPemObject() != null) {
                            throw new IOException("not exactly one PEM object");
                        }
                        return object.getContent();
                    }
                });
    }

    // JWK: one public key, kty OKP (crv Ed25519) or RSA.

    private static AsymmetricKeyParameter jwk(String key) {
        Map<String, Object> json =
                attempt("the JWK is not a valid JSON object", () -> JSONObjectUtils.parse(key));
        if (json.containsKey("keys")) {
            throw new InvalidPublicKeyException("that is a JWK set; paste a single JWK");
        }
        List<String> privateMembers =
                PRIVATE_JWK_MEMBERS.stream().filter(json::containsKey).toList();
        if (!privateMembers.isEmpty()) {
            throw new InvalidPublicKeyException(
                    "the JWK contains private key members ("
                            + String.join(", ", privateMembers)
                            + "); paste the public JWK only");
        }
        if ("EC".equals(json.get("kty"))) {
            throw new InvalidPublicKeyException(
                    "ECDSA keys (kty EC) are not supported: use Ed25519 or RSA");
        }
        JWK jwk =
                attempt(
                        "the JWK is malformed: expected kty OKP with crv Ed25519 and x, or kty RSA"
                                + " with n and e",
                        () -> JWK.parse(json));
        if (jwk instanceof OctetKeyPair okp) {
            Curve curve = okp.getCurve();
            if (!Curve.Ed25519.equals(curve)) {
                throw new InvalidPublicKeyException(
                        (NAMED_CURVES.contains(curve.getName())
                                        ? curve.getName() + " keys are"
                                        : "that curve is")
                                + " not supported: use crv Ed25519");
            }
            return ed25519(base64Url(okp.getX().toString(), "x"));
        }
        if (jwk instanceof RSAKey rsa) {
            return rsa(
                    new BigInteger(1, base64Url(rsa.getModulus().toString(), "n")),
                    new BigInteger(1, base64Url(rsa.getPublicExponent().toString(), "e")));
        }
        throw new InvalidPublicKeyException(
                "JWK key type "
                        + jwk.getKeyType().getValue()
                        + " is not supported: use OKP (Ed25519) or RSA");
    }

    private static byte[] base64Url(String value, String member) {
        return attempt(
                "the JWK member " + member + " is not valid base64url",
                () -> Base64.getUrlDecoder().decode(value));
    }

    // Raw base64 with a hint: 32 bytes for Ed25519, DER SubjectPublicKeyInfo or PKCS#1 for RSA.

    private static AsymmetricKeyParameter base64(String key, Optional<KeyType> hint) {
        String compact = WHITESPACE.matcher(key).replaceAll("");
        boolean urlSafe = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0;
        Base64.Decoder decoder = urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder();
        byte[] bytes =
                attempt(
                        hint.isPresent() ? "the key is not valid base64" : UNRECOGNISED,
                        () -> decoder.decode(compact));
        KeyType type =
                hint.orElseThrow(
                        () ->
                                new InvalidPublicKeyException(
                                        KEY_TYPE,
                                        "keyType is required for a raw base64 key: ed25519 or"
                                                + " rsa"));
        return switch (type) {
            case ED25519 -> rawEd25519(bytes);
            case RSA -> rsaDer(bytes);
        };
    }

    private static AsymmetricKeyParameter rawEd25519(byte[] bytes) {
        if (bytes.length == ED25519_LENGTH) {
            return ed25519(bytes);
        }
        Optional<SubjectPublicKeyInfo> info =
                optional(
                        () -> SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(bytes)));
        if (info.isPresent()) {
            return spki(info.get());
        }
        optional(() -> ASN1Primitive.fromByteArray(bytes))
                .ifPresent(PublicKeyParser::rejectPrivate);
        throw new InvalidPublicKeyException(
                "Ed25519 raw keys are " + ED25519_LENGTH + " bytes, got " + bytes.length);
    }

    private static AsymmetricKeyParameter rsaDer(byte[] bytes) {
        ASN1Primitive der =
                der(
                        bytes,
                        "an RSA key in base64 must be DER: SubjectPublicKeyInfo or PKCS#1"
                                + " RSAPublicKey");
        Optional<SubjectPublicKeyInfo> info = optional(() -> SubjectPublicKeyInfo.getInstance(der));
        if (info.isPresent()) {
            return spki(info.get());
        }
        Optional<RSAPublicKey> pkcs1 = optional(() -> RSAPublicKey.getInstance(der));
        if (pkcs1.isPresent()) {
            return rsa(pkcs1.get().getModulus(), pkcs1.get().getPublicExponent());
        }
        rejectPrivate(der);
        throw new InvalidPublicKeyException(
                "an RSA key in base64 must be DER: SubjectPublicKeyInfo or PKCS#1 RSAPublicKey");
    }

    // DER structures.

    private static void rejectPrivate(ASN1Primitive der) {
        if (optional(() -> PrivateKeyInfo.getInstance(der)).isPresent()
                || optional(() -> RSAPrivateKey.getInstance(der)).isPresent()) {
            throw new InvalidPublicKeyException(
                    "the base64 holds a private key; paste the public key only");
        }
    }

    private static ASN1Primitive der(byte[] bytes, String failure) {
        return attempt(failure, () -> ASN1Primitive.fromByteArray(bytes));
    }

    private static AsymmetricKeyParameter spki(ASN1Primitive der) {
        return spki(
                attempt(
                        "the key is not a DER-encoded SubjectPublicKeyInfo",
                        () -> SubjectPublicKeyInfo.getInstance(der)));
    }

    private static AsymmetricKeyParameter spki(SubjectPublicKeyInfo info) {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
            return ed25519(
                    attempt(
                            "the Ed25519 key inside the SubjectPublicKeyInfo is malformed",
                            () -> info.getPublicKeyData().getOctets()));
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            RSAPublicKey rsa =
                    attempt(
                            "the RSA key inside the SubjectPublicKeyInfo is malformed",
                            () -> RSAPublicKey.getInstance(info.parsePublicKey()));
            return rsa(rsa.getModulus(), rsa.getPublicExponent());
        }
        throw new InvalidPublicKeyException(unsupportedAlgorithm(algorithm));
    }

    private static AsymmetricKeyParameter pkcs1(ASN1Primitive der) {
        RSAPublicKey rsa =
                attempt(
                        "the PEM block is not a DER-encoded PKCS#1 RSA key",
                        () -> RSAPublicKey.getInstance(der));
        return rsa(rsa.getModulus(), rsa.getPublicExponent());
    }

    private static String unsupportedAlgorithm(ASN1ObjectIdentifier algorithm) {
        String name;
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            name = "ECDSA keys are";
        } else if (X9ObjectIdentifiers.id_dsa.equals(algorithm)) {
            name = "DSA keys are";
        } else if (EdECObjectIdentifiers.id_Ed448.equals(algorithm)) {
            name = "Ed448 keys are";
        } else if (EdECObjectIdentifiers.id_X25519.equals(algorithm)
                || EdECObjectIdentifiers.id_X448.equals(algorithm)) {
            name = "key agreement keys (X25519, X448) are";
        } else if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(algorithm)) {
            name = "RSASSA-PSS keys are";
        } else {
            name = "keys of algorithm " + shortened(algorithm.getId()) + " are";
        }
        return name + " not supported: use Ed25519 or RSA";
    }

    // Key material.

    private static AsymmetricKeyParameter ed25519(byte[] raw) {
        if (raw.length != ED25519_LENGTH) {
            throw new InvalidPublicKeyException(
                    "Ed25519 raw keys are " + ED25519_LENGTH + " bytes, got " + raw.length);
        }
        return attempt(
                "not a valid Ed25519 public key: the 32 bytes are not a point on the curve",
                () -> new Ed25519PublicKeyParameters(raw));
    }

    private static AsymmetricKeyParameter rsa(BigInteger modulus, BigInteger exponent) {
        checkRsa(modulus, exponent);
        return attempt(
                "not a valid RSA public key: the modulus is prime or has a small factor",
                () -> new RSAKeyParameters(false, modulus, exponent));
    }

    /** Checks sizes before any costly validation: a crafted large modulus takes seconds. */
    private static void checkRsa(BigInteger modulus, BigInteger exponent) {
        if (modulus.signum() <= 0) {
            throw new InvalidPublicKeyException("the RSA modulus must be positive");
        }
        int bits = modulus.bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new InvalidPublicKeyException(
                    "RSA keys must have at least " + MIN_RSA_BITS + " bits, this one has " + bits);
        }
        if (bits > MAX_RSA_BITS) {
            throw new InvalidPublicKeyException(
                    "RSA keys may have at most " + MAX_RSA_BITS + " bits, this one has " + bits);
        }
        if (!modulus.testBit(0)) {
            throw new InvalidPublicKeyException("not a valid RSA public key: the modulus is even");
        }
        if (exponent.compareTo(THREE) < 0 || !exponent.testBit(0) || exponent.bitLength() > 64) {
            throw new InvalidPublicKeyException(
                    "the RSA public exponent must be odd, at least 3 and below 2^64");
        }
    }

    private static AgentPublicKey accept(
            AsymmetricKeyParameter parameters, Optional<KeyType> hint) {
        KeyType type;
        if (parameters instanceof Ed25519PublicKeyParameters) {
            type = KeyType.ED25519;
        } else if (parameters instanceof RSAKeyParameters rsa && !rsa.isPrivate()) {
            type = KeyType.RSA;
        } else {
            throw new InvalidPublicKeyException("only Ed25519 and RSA public keys are supported");
        }
        if (hint.isPresent() && hint.get() != type) {
            throw new InvalidPublicKeyException(
                    KEY_TYPE,
                    "keyType is "
                            + hint.get().wireName()
                            + " but this is "
                            + (type == KeyType.RSA ? "an RSA" : "an Ed25519")
                            + " key");
        }
        byte[] spkiDer =
                attempt(
                        "the key cannot be encoded as a SubjectPublicKeyInfo",
                        () ->
                                SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(parameters)
                                        .getEncoded(ASN1Encoding.DER));
        return attempt(
                "the key is not accepted by the Java platform",
                () -> AgentPublicKey.fromSpkiDer(type, spkiDer));
    }

    // Failure handling: every library failure becomes a message that says what was wrong.

    private static <T> T attempt(String failure, Callable<T> step) {
        T result;
        try {
            result = step.call();
        } catch (InvalidPublicKeyException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidPublicKeyException(failure);
        }
        if (result == null) {
            throw new InvalidPublicKeyException(failure);
        }
        return result;
    }

    private static <T> Optional<T> optional(Callable<T> step) {
        try {
            return Optional.ofNullable(step.call());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
