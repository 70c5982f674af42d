package dev.sigil.agents.control;

import static dev.sigil.agents.control.KeyFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.platform.entity.Violation;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeyParserRejectionTest {

    PublicKeyParser cut = new PublicKeyParser();

    InvalidPublicKeyException rejection(String text, String hint) {
        InvalidPublicKeyException e =
                assertThrows(InvalidPublicKeyException.class, () -> cut.parse(text, hint));
        if (text != null && text.strip().length() > 12) {
            assertFalse(e.getMessage().contains(text.strip()), "the message repeats the input");
        }
        return e;
    }

    String message(String text, String hint) {
        return rejection(text, hint).violations().get(0).message();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "rsa1024-ssh.pub",
                "rsa1024-ssh.spki.pem",
                "rsa1024-openssl.pub.pem",
                "rsa1024-openssl.pkcs1.pem"
            })
    void rejectsRsaKeysBelow2048Bits(String file) {
        assertEquals(
                "RSA keys must have at least 2048 bits, this one has 1024",
                message(read(file), null));
    }

    @Test
    void rejectsRawRsaBase64Below2048Bits() {
        assertEquals(
                "RSA keys must have at least 2048 bits, this one has 1024",
                message(KeyFixtures.pemBody("rsa1024-openssl.pkcs1.pem"), "rsa"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ecdsa-ssh.pub | ecdsa-sha2-nistp256 keys are not supported: use ssh-ed25519 or"
                        + " ssh-rsa",
                "ecdsa-ssh.spki.pem | ECDSA keys are not supported: use Ed25519 or RSA",
                "ecdsa-openssl.pub.pem | ECDSA keys are not supported: use Ed25519 or RSA",
                "ecdsa-openssl.jwk.json | ECDSA keys (kty EC) are not supported: use Ed25519 or"
                        + " RSA",
                "dsa-ssh.pub | ssh-dss keys are not supported: use ssh-ed25519 or ssh-rsa"
            })
    void rejectsEcdsaAndDsaKeys(String file, String expected) {
        assertEquals(expected, message(read(file), null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ed25519-ssh",
                "rsa3072-ssh",
                "ed25519-ssh.pkcs8.pem",
                "rsa3072-ssh.pkcs8.pem",
                "ed25519-openssl.pem",
                "rsa2048-openssl.pem",
                "rsa2048-openssl.traditional.pem"
            })
    void rejectsPemPrivateKeys(String file) {
        assertEquals(PublicKeyParser.PRIVATE_PEM, message(read(file), null));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ed25519-openssl.private.jwk.json | d",
                "rsa2048-openssl.private.jwk.json | d, p, q, dp, dq, qi"
            })
    void rejectsJwksWithPrivateMembers(String file, String members) {
        assertEquals(
                "the JWK contains private key members (" + members + "); paste the public JWK only",
                message(read(file), null));
    }

    @Test
    void rejectsAnRsaJwkWithAPrimeFactorButNoD() {
        String jwk = read("rsa2048-openssl.jwk.json").replace("{", "{\"p\": \"AQAB\",");

        assertTrue(message(jwk, null).contains("private key members (p)"));
    }

    @Test
    void rejectsAPemPrivateKeyAfterOtherText() {
        String exported = "Bag Attributes\n    localKeyID: 01\n" + read("rsa2048-openssl.pem");

        assertEquals(PublicKeyParser.PRIVATE_PEM, message(exported, null));
    }

    @Test
    void rejectsPrivateKeysInRawBase64() {
        String pkcs8 = KeyFixtures.pemBody("rsa2048-openssl.pem");
        String pkcs1 = KeyFixtures.pemBody("rsa2048-openssl.traditional.pem");

        assertEquals(
                "the base64 holds a private key; paste the public key only", message(pkcs8, "rsa"));
        assertEquals(
                "the base64 holds a private key; paste the public key only", message(pkcs1, "rsa"));
        assertEquals(
                "the base64 holds a private key; paste the public key only",
                message(KeyFixtures.pemBody("ed25519-openssl.pem"), "ed25519"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519-ssh.raw.b64", "rsa2048-openssl.spki.der.b64"})
    void rejectsRawBase64WithoutAKeyType(String file) {
        InvalidPublicKeyException e = rejection(read(file), null);

        assertEquals(
                List.of(
                        new Violation(
                                "keyType",
                                "keyType is required for a raw base64 key: ed25519 or rsa")),
                e.violations());
    }

    @ParameterizedTest
    @CsvSource({
        "ed25519-ssh.pub, rsa, keyType is rsa but this is an Ed25519 key",
        "ed25519-openssl.jwk.json, rsa, keyType is rsa but this is an Ed25519 key",
        "rsa3072-ssh.pub, ed25519, keyType is ed25519 but this is an RSA key",
        "rsa2048-openssl.pkcs1.pem, ed25519, keyType is ed25519 but this is an RSA key",
        "rsa2048-openssl.spki.der.b64, ed25519, keyType is ed25519 but this is an RSA key"
    })
    void rejectsAKeyTypeThatContradictsTheKey(String file, String hint, String expected) {
        InvalidPublicKeyException e = rejection(read(file), hint);

        assertEquals(List.of(new Violation("keyType", expected)), e.violations());
    }

    @Test
    void rejectsAnUnknownKeyType() {
        InvalidPublicKeyException e = rejection(read("ed25519-ssh.pub"), "ecdsa");

        assertEquals(
                List.of(new Violation("keyType", "keyType must be ed25519 or rsa")),
                e.violations());
    }

    @Test
    void rejectsRawEd25519BytesGivenAsRsa() {
        assertEquals(
                "an RSA key in base64 must be DER: SubjectPublicKeyInfo or PKCS#1 RSAPublicKey",
                message(read("ed25519-ssh.raw.b64"), "rsa"));
    }

    @Test
    void rejectsEd25519RawKeysOfTheWrongLength() {
        byte[] raw = Base64.getDecoder().decode(read("ed25519-ssh.raw.b64").strip());
        String shorter = Base64.getEncoder().encodeToString(Arrays.copyOf(raw, 31));
        String longer = Base64.getEncoder().encodeToString(Arrays.copyOf(raw, 33));

        assertEquals("Ed25519 raw keys are 32 bytes, got 31", message(shorter, "ed25519"));
        assertEquals("Ed25519 raw keys are 32 bytes, got 33", message(longer, "ed25519"));
    }

    @Test
    void rejectsEd25519BytesThatAreNotAPointOnTheCurve() {
        byte[] raw = new byte[32];
        raw[0] = 2;

        assertEquals(
                "not a valid Ed25519 public key: the 32 bytes are not a point on the curve",
                message(Base64.getEncoder().encodeToString(raw), "ed25519"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\t\n", "\uFEFF", " \uFEFF\u2028 "})
    void rejectsAMissingKey(String text) {
        assertEquals("a public key is required", message(text, null));
    }

    @Test
    void rejectsTextLongerThan16KibBeforeParsing() {
        String key = read("ed25519-ssh.pub").strip();
        String padded = key + " ".repeat(PublicKeyParser.MAX_LENGTH - key.length() + 1);

        assertTrue(message(padded, null).startsWith("the text is longer than 16 KiB"));
        assertTrue(message("A".repeat(10_000_000), "rsa").startsWith("the text is longer"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hello world",
                "helloworld",
                "not a key at all, just a sentence.",
                "<RSAKeyValue><Modulus>AQAB</Modulus></RSAKeyValue>",
                "ssh-ed25519",
                "\u0000\u0001\u0002",
                "🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑",
                "[1, 2, 3]",
                "{}",
                "{\"kty\": \"RSA\"}",
                "{\"kty\": \"OKP\", \"crv\": \"Ed25519\"}",
                "{\"kty\": \"oct\", \"k\": \"AAAA\"}",
                "{not json",
                "-----BEGIN PUBLIC KEY-----",
                "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
                "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----",
                "-----BEGIN public key-----\nAAAA\n-----END public key-----",
                "ssh-ed25519 !!!! comment",
                "ssh-rsa AAAA",
                "ecdsa-sha2-nistp256 AAAA",
                "sk-ssh-ed25519@openssh.com AAAA",
                "ssh-foo AAAA"
            })
    void rejectsGarbage(String text) {
        rejection(text, null);
    }

    @Test
    void rejectsGarbageOfEveryKindWithTheSameHint() {
        for (String hint : new String[] {"ed25519", "rsa"}) {
            rejection("AAAA", hint);
            rejection("====", hint);
            rejection("A-A+A/A_", hint);
            rejection("QUJD", hint);
        }
    }

    @Test
    void saysWhichFormatsItAcceptsForUnrecognisedText() {
        assertEquals(PublicKeyParser.UNRECOGNISED, message("hello, world!", null));
    }

    @Test
    void rejectsTruncatedKeys() {
        String ssh =
                read("ed25519-ssh.pub").strip().split(" ")[0]
                        + " "
                        + read("ed25519-ssh.pub").strip().split(" ")[1];
        for (int length = 13; length < ssh.length() - 1; length++) {
            rejection(ssh.substring(0, length), null);
        }
        String pem = read("rsa3072-ssh.spki.pem").strip();
        for (int length = 30; length < pem.length() - 1; length += 7) {
            rejection(pem.substring(0, length), null);
        }
        String jwk = read("rsa2048-openssl.jwk.json").strip();
        for (int length = 1; length < jwk.length() - 1; length += 3) {
            rejection(jwk.substring(0, length), null);
        }
    }

    @Test
    void rejectsTextAfterAPemBlock() {
        assertEquals(
                "the PEM block must end with -----END PUBLIC KEY----- and nothing may follow it",
                message(read("ed25519-openssl.pub.pem") + "trailing", null));
    }

    @Test
    void rejectsTwoKeysAtOnce() {
        assertEquals(
                "an OpenSSH public key is a single line; paste exactly one key",
                message(read("ed25519-ssh.pub") + read("rsa3072-ssh.pub"), null));
        assertEquals(
                "the text holds more than one PEM block; paste exactly one public key",
                message(read("ed25519-openssl.pub.pem") + read("rsa3072-ssh.spki.pem"), null));
    }

    @Test
    void rejectsTrailingBytesInsideTheEncodedKey() throws IOException {
        String[] ssh = read("ed25519-ssh.pub").split(" ");
        byte[] blob = Base64.getDecoder().decode(ssh[1]);
        byte[] longerBlob = Arrays.copyOf(blob, blob.length + 1);
        byte[] der = Base64.getDecoder().decode(read("rsa2048-openssl.spki.der.b64").strip());
        byte[] longerDer = Arrays.copyOf(der, der.length + 1);

        rejection(ssh[0] + " " + Base64.getEncoder().encodeToString(longerBlob), null);
        rejection(Base64.getEncoder().encodeToString(longerDer), "rsa");
        rejection(
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(longerDer)
                        + "\n-----END PUBLIC KEY-----",
                null);
        rejection(read("ed25519-ssh.jwk.json") + "}", null);
    }

    @Test
    void rejectsAnOpenSshTypeNameThatDiffersFromTheEncodedKey() {
        String blob = read("ed25519-ssh.pub").split(" ")[1];

        assertEquals(
                "the OpenSSH key says ssh-rsa but its base64 part holds a different key type",
                message("ssh-rsa " + blob, null));
    }

    @Test
    void rejectsAnRsaOpenSshKeyTooLargeToCheckQuickly() throws IOException {
        BigInteger modulus = BigInteger.ONE.shiftLeft(16_383).add(BigInteger.valueOf(159));

        assertEquals(
                "RSA keys may have at most 8192 bits, this one has more",
                message("ssh-rsa " + sshRsaBlob(modulus, BigInteger.valueOf(65537)), null));
    }

    @ParameterizedTest
    @CsvSource({
        "8193, 'RSA keys may have at most 8192 bits, this one has 8193'",
        "2047, 'RSA keys must have at least 2048 bits, this one has 2047'"
    })
    void rejectsRsaJwksOutsideTheAcceptedSizes(int bits, String expected) {
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.ONE);

        assertEquals(expected, message(rsaJwk(modulus, BigInteger.valueOf(65537)), null));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 65536})
    void rejectsRsaPublicExponentsThatAreEvenOrTooSmall(long exponent) {
        BigInteger modulus = rsa2048Modulus();

        assertEquals(
                "the RSA public exponent must be odd, at least 3 and below 2^64",
                message(rsaJwk(modulus, BigInteger.valueOf(exponent)), null));
    }

    @Test
    void rejectsAnRsaModulusWithASmallFactor() {
        BigInteger modulus = rsa2048Modulus().multiply(BigInteger.valueOf(3));

        assertEquals(
                "not a valid RSA public key: the modulus is prime or has a small factor",
                message(rsaJwk(modulus, BigInteger.valueOf(65537)), null));
    }

    @Test
    void rejectsAnEvenRsaModulus() {
        BigInteger modulus = rsa2048Modulus().add(BigInteger.ONE);

        assertEquals(
                "not a valid RSA public key: the modulus is even",
                message(rsaJwk(modulus, BigInteger.valueOf(65537)), null));
    }

    @Test
    void rejectsOtherOkpCurvesAndJwkSets() {
        String x25519 = read("ed25519-ssh.jwk.json").replace("Ed25519", "X25519");
        String set = "{\"keys\": [" + read("ed25519-ssh.jwk.json") + "]}";

        assertEquals("X25519 keys are not supported: use crv Ed25519", message(x25519, null));
        assertEquals("that is a JWK set; paste a single JWK", message(set, null));
    }

    @Test
    void rejectsCertificatesAndRfc4716KeysWithAHint() {
        assertTrue(
                message(read("ed25519-openssl.cert.pem"), null)
                        .startsWith("PEM contains a certificate; paste its public key only"));
        assertTrue(
                message(read("ed25519-ssh.rfc4716.pub"), null)
                        .startsWith("the RFC 4716 SSH2 format is not supported"));
    }

    @Test
    void rejectsDeeplyNestedJsonAndDer() {
        String json = "{\"kty\": " + "[".repeat(8000) + "]".repeat(8000) + "}";
        byte[] der = new byte[0];
        while (der.length < 10_000) {
            byte[] outer = new byte[der.length + 4];
            outer[0] = 0x30;
            outer[1] = (byte) 0x82;
            outer[2] = (byte) (der.length >> 8);
            outer[3] = (byte) der.length;
            System.arraycopy(der, 0, outer, 4, der.length);
            der = outer;
        }

        rejection(json, null);
        rejection(Base64.getEncoder().encodeToString(der), "rsa");
        rejection(Base64.getEncoder().encodeToString(der), "ed25519");
    }

    @Test
    void rejectionsAreValidationFailuresOnThePublicKeyField() {
        InvalidPublicKeyException e = rejection("hello world", null);

        assertEquals(
                List.of(new Violation("publicKey", PublicKeyParser.UNRECOGNISED)), e.violations());
        assertEquals("validation-failed", e.code().code());
    }

    private static BigInteger rsa2048Modulus() {
        return new BigInteger(1, Base64.getUrlDecoder().decode(jwkMember("n")));
    }

    private static String jwkMember(String member) {
        return read("rsa2048-openssl.jwk.json")
                .lines()
                .filter(line -> line.contains("\"" + member + "\""))
                .map(line -> line.replaceAll(".*: \"([^\"]*)\".*", "$1"))
                .findFirst()
                .orElseThrow();
    }

    private static String rsaJwk(BigInteger modulus, BigInteger exponent) {
        return "{\"kty\": \"RSA\", \"n\": \""
                + unsigned(modulus)
                + "\", \"e\": \""
                + unsigned(exponent)
                + "\"}";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Crafts an {@code ssh-rsa} blob (RFC 4253 section 6.6) for a key no tool would make. */
    private static String sshRsaBlob(BigInteger modulus, BigInteger exponent) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] name = "ssh-rsa".getBytes(StandardCharsets.US_ASCII);
        out.writeInt(name.length);
        out.write(name);
        for (BigInteger value : new BigInteger[] {exponent, modulus}) {
            byte[] mpint = value.toByteArray();
            out.writeInt(mpint.length);
            out.write(mpint);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
