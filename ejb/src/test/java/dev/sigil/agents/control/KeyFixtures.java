package dev.sigil.agents.control;

import dev.sigil.agents.entity.KeyType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The key fixtures in {@code src/test/resources/keys}, made by ssh-keygen and openssl (see the
 * README there).
 */
final class KeyFixtures {

    /** The four accepted keys: the stem of their files names the key. */
    static final List<String> KEYS =
            List.of("ed25519-ssh", "ed25519-openssl", "rsa3072-ssh", "rsa2048-openssl");

    /** Every accepted public key fixture, with the hint it needs and the key it holds. */
    static final List<Sample> ACCEPTED =
            List.of(
                    new Sample("ed25519-ssh.pub", null, "ed25519-ssh", KeyType.ED25519),
                    new Sample("ed25519-ssh.spki.pem", null, "ed25519-ssh", KeyType.ED25519),
                    new Sample("ed25519-ssh.jwk.json", null, "ed25519-ssh", KeyType.ED25519),
                    new Sample("ed25519-ssh.raw.b64", "ed25519", "ed25519-ssh", KeyType.ED25519),
                    new Sample("ed25519-openssl.pub.pem", null, "ed25519-openssl", KeyType.ED25519),
                    new Sample("ed25519-openssl.pub", null, "ed25519-openssl", KeyType.ED25519),
                    new Sample(
                            "ed25519-openssl.jwk.json", null, "ed25519-openssl", KeyType.ED25519),
                    new Sample(
                            "ed25519-openssl.raw.b64url",
                            "ed25519",
                            "ed25519-openssl",
                            KeyType.ED25519),
                    new Sample("rsa3072-ssh.pub", null, "rsa3072-ssh", KeyType.RSA),
                    new Sample("rsa3072-ssh.spki.pem", null, "rsa3072-ssh", KeyType.RSA),
                    new Sample("rsa3072-ssh.pkcs1.pem", null, "rsa3072-ssh", KeyType.RSA),
                    new Sample("rsa3072-ssh.jwk.json", null, "rsa3072-ssh", KeyType.RSA),
                    new Sample("rsa2048-openssl.pub.pem", null, "rsa2048-openssl", KeyType.RSA),
                    new Sample("rsa2048-openssl.pkcs1.pem", null, "rsa2048-openssl", KeyType.RSA),
                    new Sample("rsa2048-openssl.pub", null, "rsa2048-openssl", KeyType.RSA),
                    new Sample("rsa2048-openssl.jwk.json", null, "rsa2048-openssl", KeyType.RSA),
                    new Sample(
                            "rsa2048-openssl.spki.der.b64", "rsa", "rsa2048-openssl", KeyType.RSA),
                    new Sample(
                            "rsa2048-openssl.pkcs1.der.b64url",
                            "rsa",
                            "rsa2048-openssl",
                            KeyType.RSA));

    /** A public key fixture. */
    record Sample(String file, String hint, String key, KeyType type) {

        String text() {
            return read(file);
        }

        @Override
        public String toString() {
            return file + (hint == null ? "" : " with keyType " + hint);
        }
    }

    private KeyFixtures() {}

    static String read(String file) {
        try (InputStream in = KeyFixtures.class.getResourceAsStream("/keys/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base64 between the armour lines of a PEM fixture. */
    static String pemBody(String file) {
        return read(file).replaceAll("-----[A-Z ]+-----", "").strip();
    }

    /** The DER content of a PEM fixture. */
    static byte[] pemContent(String file) {
        return Base64.getMimeDecoder().decode(pemBody(file));
    }

    /** The public key as openssl or Python's cryptography wrote it: DER SubjectPublicKeyInfo. */
    static byte[] referenceSpki(String key) {
        return pemContent(
                key.equals("rsa2048-openssl") || key.equals("ed25519-openssl")
                        ? key + ".pub.pem"
                        : key + ".spki.pem");
    }

    /** What {@code ssh-keygen -lf <file>} printed, e.g. {@code 256 SHA256:... test (ED25519)}. */
    static String sshKeygenLine(String pubFile) {
        return read("ssh-keygen-lf.txt")
                .lines()
                .filter(line -> line.startsWith(pubFile + " "))
                .map(line -> line.substring(pubFile.length() + 1))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("no ssh-keygen line for " + pubFile));
    }

    /** The fingerprint field of {@code ssh-keygen -lf}'s output. */
    static String sshKeygenFingerprint(String pubFile) {
        return sshKeygenLine(pubFile).split(" ")[1];
    }
}
