package dev.sigil.agents.control;

import static dev.sigil.agents.control.KeyFixtures.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import dev.sigil.agents.control.KeyFixtures.Sample;
import dev.sigil.agents.entity.AgentPublicKey;
import dev.sigil.agents.entity.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

class PublicKeyParserTest {

    PublicKeyParser cut = new PublicKeyParser();

    static final List<Sample> accepted = KeyFixtures.ACCEPTED;

    static final List<String> keys = KeyFixtures.KEYS;

    @ParameterizedTest
    @FieldSource("accepted")
    void parsesEveryAcceptedFormatToTheKeyOfItsType(Sample sample) {
        AgentPublicKey key = cut.parse(sample.text(), sample.hint());

        assertEquals(sample.type(), key.type());
    }

    @ParameterizedTest
    @FieldSource("accepted")
    void fingerprintOfEveryFormatIsWhatSshKeygenPrintsForTheKey(Sample sample) {
        AgentPublicKey key = cut.parse(sample.text(), sample.hint());

        assertEquals(KeyFixtures.sshKeygenFingerprint(sample.key() + ".pub"), key.fingerprint());
    }

    @ParameterizedTest
    @FieldSource("accepted")
    void thumbprintOfEveryFormatIsTheThumbprintOfTheKeysJwk(Sample sample) throws Exception {
        String expected =
                JWK.parse(read(sample.key() + ".jwk.json")).computeThumbprint().toString();

        AgentPublicKey key = cut.parse(sample.text(), sample.hint());

        assertEquals(expected, key.thumbprint());
    }

    @ParameterizedTest
    @FieldSource("accepted")
    void storageFormOfEveryFormatIsTheSpkiOpensslWrites(Sample sample) {
        AgentPublicKey key = cut.parse(sample.text(), sample.hint());

        assertArrayEquals(KeyFixtures.referenceSpki(sample.key()), key.spkiDer());
    }

    @ParameterizedTest
    @FieldSource("accepted")
    void rebuildsTheSameKeyFromItsStorageForm(Sample sample) {
        AgentPublicKey key = cut.parse(sample.text(), sample.hint());

        AgentPublicKey rebuilt = AgentPublicKey.fromSpkiDer(key.type(), key.spkiDer());

        assertEquals(key, rebuilt);
        assertEquals(key.fingerprint(), rebuilt.fingerprint());
        assertEquals(key.thumbprint(), rebuilt.thumbprint());
    }

    @ParameterizedTest
    @FieldSource("keys")
    void sshKeygenReportsTheBitsAndTypeOfTheParsedKey(String name) {
        AgentPublicKey key = cut.parse(read(name + ".pub"), null);

        String[] line = KeyFixtures.sshKeygenLine(name + ".pub").split(" ");
        int bits = key.publicKey() instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 256;
        assertEquals(String.valueOf(bits), line[0]);
        assertEquals("(" + key.type().name() + ")", line[line.length - 1]);
    }

    @ParameterizedTest
    @FieldSource("keys")
    void toOpenSshIsTheKeyPartOfTheOpenSshFixture(String name) {
        String[] fixture = read(name + ".pub").strip().split(" ");

        AgentPublicKey key = cut.parse(read(name + ".jwk.json"), null);

        assertEquals(fixture[0] + " " + fixture[1], key.toOpenSsh());
        assertEquals(key, cut.parse(key.toOpenSsh(), null));
    }

    @ParameterizedTest
    @FieldSource("keys")
    void toJwkIsThePublicJwkOfTheKey(String name) throws Exception {
        JWK expected = JWK.parse(read(name + ".jwk.json"));

        JWK jwk = cut.parse(read(name + ".pub"), null).toJwk();

        assertEquals(expected.toJSONObject(), jwk.toJSONObject());
        assertTrue(!jwk.isPrivate());
        assertTrue(jwk instanceof OctetKeyPair || jwk instanceof RSAKey);
    }

    @Test
    void computesTheRfc7638ThumbprintOfTheRfcExample() {
        // RFC 7638 section 3.1
        String rfcKey =
                """
                {
                  "kty": "RSA",
                  "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
                  "e": "AQAB",
                  "alg": "RS256",
                  "kid": "2011-04-29"
                }
                """;

        AgentPublicKey key = cut.parse(rfcKey, null);

        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", key.thumbprint());
    }

    @Test
    void acceptsOpenSshWithoutCommentAndWithACommentOfSeveralWords() {
        String[] parts = read("ed25519-ssh.pub").strip().split(" ");
        AgentPublicKey expected = cut.parse(read("ed25519-ssh.pub"), null);

        assertEquals(expected, cut.parse(parts[0] + " " + parts[1], null));
        assertEquals(expected, cut.parse(parts[0] + "\t" + parts[1] + "  build agent #7 é", null));
    }

    @Test
    void acceptsSurroundingWhitespaceWindowsLineEndsAndAByteOrderMark() {
        AgentPublicKey expected = cut.parse(read("rsa2048-openssl.pub.pem"), null);
        String crlf = read("rsa2048-openssl.pub.pem").replace("\n", "\r\n");

        assertEquals(expected, cut.parse("\n\t  " + crlf + "  \n", null));
        assertEquals(expected, cut.parse("\uFEFF" + read("rsa2048-openssl.pub.pem"), null));
    }

    @Test
    void acceptsTheKeyTypeHintInAnyCaseAndWhenItAgrees() {
        AgentPublicKey expected = cut.parse(read("rsa3072-ssh.pub"), null);

        assertEquals(expected, cut.parse(read("rsa3072-ssh.pub"), "rsa"));
        assertEquals(expected, cut.parse(read("rsa3072-ssh.pub"), " RSA "));
        assertEquals(expected, cut.parse(read("rsa3072-ssh.pub"), ""));
    }

    @Test
    void acceptsRawRsaBase64SplitOverLines() {
        AgentPublicKey expected = cut.parse(read("rsa3072-ssh.spki.pem"), null);

        assertEquals(expected, cut.parse(KeyFixtures.pemBody("rsa3072-ssh.spki.pem"), "rsa"));
        assertEquals(expected, cut.parse(KeyFixtures.pemBody("rsa3072-ssh.pkcs1.pem"), "rsa"));
    }

    @Test
    void acceptsRawEd25519Base64WithAndWithoutPaddingInBothAlphabets() {
        AgentPublicKey expected = cut.parse(read("ed25519-openssl.pub"), null);
        byte[] raw = Base64.getUrlDecoder().decode(read("ed25519-openssl.raw.b64url").strip());

        assertEquals(expected, cut.parse(Base64.getEncoder().encodeToString(raw), "ed25519"));
        assertEquals(
                expected,
                cut.parse(Base64.getEncoder().withoutPadding().encodeToString(raw), "ed25519"));
        assertEquals(expected, cut.parse(Base64.getUrlEncoder().encodeToString(raw), "ed25519"));
    }

    @Test
    void acceptsEd25519SpkiDerAsBase64WithTheEd25519Hint() {
        AgentPublicKey expected = cut.parse(read("ed25519-ssh.pub"), null);

        assertEquals(expected, cut.parse(KeyFixtures.pemBody("ed25519-ssh.spki.pem"), "ed25519"));
    }

    @Test
    void acceptsAJwkWithAlgKidAndUse() {
        String jwk =
                read("ed25519-ssh.jwk.json")
                        .replace(
                                "{",
                                "{\"kid\": \"agent-1\", \"use\": \"sig\", \"alg\": \"EdDSA\",");

        assertEquals(cut.parse(read("ed25519-ssh.pub"), null), cut.parse(jwk, null));
    }

    @Test
    void acceptsAnInputOfExactlyTheMaximumLength() {
        String key = read("ed25519-ssh.pub").strip();
        String padded = key + " ".repeat(PublicKeyParser.MAX_LENGTH - key.length());

        assertEquals(PublicKeyParser.MAX_LENGTH, padded.length());
        assertEquals(KeyType.ED25519, cut.parse(padded, null).type());
    }

    @Test
    void keyTypesCarryTheirWireNameAndJoseAlgorithm() {
        assertEquals("ed25519", KeyType.ED25519.wireName());
        assertEquals("EdDSA", KeyType.ED25519.joseAlgorithm());
        assertEquals("rsa", KeyType.RSA.wireName());
        assertEquals("RS256", KeyType.RSA.joseAlgorithm());
        assertEquals(Optional.of(KeyType.RSA), KeyType.fromWireName("rsa"));
        assertEquals(Optional.empty(), KeyType.fromWireName("ecdsa"));
        assertEquals(Optional.empty(), KeyType.fromWireName(null));
    }

    static Stream<String> pkcs8PrivateKeys() {
        return Stream.of(
                "ed25519-ssh.pkcs8.pem",
                "ed25519-openssl.pem",
                "rsa3072-ssh.pkcs8.pem",
                "rsa2048-openssl.pem");
    }

    @ParameterizedTest
    @MethodSource("pkcs8PrivateKeys")
    void pkcs8PrivateKeyFixturesSignForTheirPublicKeys(String file) throws Exception {
        String name = file.substring(0, file.indexOf('.'));
        AgentPublicKey key = cut.parse(read(name + ".pub"), null);
        String algorithm = key.type() == KeyType.RSA ? "SHA256withRSA" : "Ed25519";
        PrivateKey privateKey =
                KeyFactory.getInstance(key.type().jcaName())
                        .generatePrivate(new PKCS8EncodedKeySpec(KeyFixtures.pemContent(file)));
        byte[] message = "sigil".getBytes(StandardCharsets.UTF_8);

        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(privateKey);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key.publicKey());
        verifier.update(message);

        assertTrue(verifier.verify(signature));
    }

    @ParameterizedTest
    @CsvSource({"ed25519-ssh", "rsa3072-ssh"})
    void openSshPrivateKeyFixturesHoldTheirPublicKeys(String name) throws Exception {
        AgentPublicKey key = cut.parse(read(name + ".pub"), null);
        AsymmetricKeyParameter privateKey =
                OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(KeyFixtures.pemContent(name));
        AsymmetricKeyParameter publicKey =
                privateKey instanceof Ed25519PrivateKeyParameters ed25519
                        ? ed25519.generatePublicKey()
                        : new org.bouncycastle.crypto.params.RSAKeyParameters(
                                false,
                                ((RSAPrivateCrtKeyParameters) privateKey).getModulus(),
                                ((RSAPrivateCrtKeyParameters) privateKey).getPublicExponent());

        assertArrayEquals(
                key.spkiDer(),
                SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded());
    }
}
