package dev.sigil.agent.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * An Ed25519 key pair. Its {@link #toString()} shows the fingerprint only, never the private key.
 */
public final class AgentKeyPair {

    /** The {@code keyType} of the wire contract. */
    public static final String KEY_TYPE = "ed25519";

    private static final String PEM_TYPE = "PRIVATE KEY";

    /** {@code id-Ed25519}, RFC 8410. */
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicKey;

    private AgentKeyPair(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey();
    }

    public static AgentKeyPair generate(SecureRandom random) {
        return new AgentKeyPair(new Ed25519PrivateKeyParameters(random));
    }

    /** The key pair of a raw 32-byte Ed25519 private key (RFC 8032), e.g. a test vector. */
    static AgentKeyPair ofPrivateKey(byte[] privateKey) {
        return new AgentKeyPair(new Ed25519PrivateKeyParameters(privateKey));
    }

    /**
     * Reads a PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) holding an Ed25519 key.
     *
     * @throws KeyFileException of kind {@code MALFORMED} for anything else
     */
    public static AgentKeyPair fromPem(String pem) {
        try (var reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            if (object == null || !PEM_TYPE.equals(object.getType())) {
                throw malformed("it holds no PKCS#8 PEM block (-----BEGIN " + PEM_TYPE + "-----)");
            }
            AsymmetricKeyParameter key =
                    PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(object.getContent()));
            if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
                throw malformed("it holds a key of another type than Ed25519");
            }
            return new AgentKeyPair(ed25519);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // The message of a parser exception may quote content: keep only its type.
            throw new KeyFileException(
                    KeyFileException.Kind.MALFORMED,
                    "it holds no readable PKCS#8 key (" + e.getClass().getSimpleName() + ")",
                    null);
        }
    }

    private static KeyFileException malformed(String why) {
        return new KeyFileException(KeyFileException.Kind.MALFORMED, why, null);
    }

    /**
     * The private key as PKCS#8 PEM, for the key file only. Version 1, without the optional public
     * key: what {@code openssl genpkey} writes, and all that OpenSSL 3.0 reads (BouncyCastle's
     * default, version 2 with the public key, it does not).
     */
    public String toPem() {
        try {
            var info =
                    new PrivateKeyInfo(
                            new AlgorithmIdentifier(ID_ED25519),
                            new DEROctetString(privateKey.getEncoded()));
            var out = new StringWriter();
            try (var writer = new PemWriter(out)) {
                writer.writeObject(new PemObject(PEM_TYPE, info.getEncoded()));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the private key", e);
        }
    }

    /** The public key as one line of OpenSSH: {@code ssh-ed25519 AAAA... comment}. */
    public String openSshPublicKey(String comment) {
        String line = "ssh-ed25519 " + Base64.getEncoder().encodeToString(sshBlob());
        return comment == null || comment.isBlank() ? line : line + " " + comment.strip();
    }

    /** The fingerprint as {@code ssh-keygen -l} shows it: {@code SHA256:} + unpadded base64. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sshBlob());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The raw 32 bytes of the public key. */
    public byte[] publicKeyBytes() {
        return publicKey.getEncoded();
    }

    Ed25519PrivateKeyParameters privateKey() {
        return privateKey;
    }

    private byte[] sshBlob() {
        try {
            return OpenSSHPublicKeyUtil.encodePublicKey(publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the public key", e);
        }
    }

    @Override
    public String toString() {
        return "Ed25519 key " + fingerprint();
    }
}
