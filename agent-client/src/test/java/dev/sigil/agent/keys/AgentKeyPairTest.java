package dev.sigil.agent.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentKeyPairTest {

    AgentKeyPair cut = AgentKeyPair.generate(new SecureRandom());

    @TempDir Path dir;

    @Test
    void showsPublicKeyAsOneOpenSshLine() {
        String line = cut.openSshPublicKey("sigil-agent@host-1");

        assertTrue(
                Pattern.matches(
                        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/=]+ sigil-agent@host-1", line),
                line);
        byte[] blob = Base64.getDecoder().decode(line.split(" ")[1]);
        assertEquals(4 + 11 + 4 + 32, blob.length);
    }

    @Test
    void fingerprintIsWhatSshKeygenShows() throws Exception {
        assumeTrue(Processes.available("ssh-keygen"), "ssh-keygen is not installed");
        Path publicKey = dir.resolve("agent.pub");
        Files.writeString(publicKey, cut.openSshPublicKey("sigil-agent@host-1") + "\n");

        var result = Processes.run("ssh-keygen", "-l", "-E", "sha256", "-f", publicKey.toString());

        assertEquals(0, result.exit(), result.err());
        assertEquals(
                "256 " + cut.fingerprint() + " sigil-agent@host-1 (ED25519)", result.outText());
    }

    @Test
    void readsKeyThatOpensslGenerated() throws Exception {
        assumeTrue(Processes.available("openssl"), "openssl is not installed");
        Path pem = dir.resolve("openssl.pem");
        var generated =
                Processes.run(
                        "openssl", "genpkey", "-algorithm", "ed25519", "-out", pem.toString());
        assertEquals(0, generated.exit(), generated.err());
        var publicDer =
                Processes.run(
                        "openssl", "pkey", "-in", pem.toString(), "-pubout", "-outform", "DER");

        AgentKeyPair read = AgentKeyPair.fromPem(Files.readString(pem));

        byte[] der = publicDer.out();
        byte[] rawPublicKey = java.util.Arrays.copyOfRange(der, der.length - 32, der.length);
        assertArrayEquals(rawPublicKey, read.publicKeyBytes());
    }

    @Test
    void opensslReadsTheKeyAndDerivesTheSamePublicKey() throws Exception {
        assumeTrue(Processes.available("openssl"), "openssl is not installed");
        Path pem = dir.resolve("agent-key.pem");
        Files.writeString(pem, cut.toPem());

        var publicDer =
                Processes.run(
                        "openssl", "pkey", "-in", pem.toString(), "-pubout", "-outform", "DER");

        assertEquals(0, publicDer.exit(), publicDer.err());
        byte[] der = publicDer.out();
        assertArrayEquals(
                cut.publicKeyBytes(),
                java.util.Arrays.copyOfRange(der, der.length - 32, der.length));
    }

    @Test
    void roundTripsThroughPkcs8Pem() {
        String pem = cut.toPem();

        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem.lines().findFirst().get());
        assertArrayEquals(cut.publicKeyBytes(), AgentKeyPair.fromPem(pem).publicKeyBytes());
    }

    @Test
    void rejectsPemOfAnotherKeyType() throws Exception {
        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pem =
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";

        var e = assertThrows(KeyFileException.class, () -> AgentKeyPair.fromPem(pem));

        assertEquals(KeyFileException.Kind.MALFORMED, e.kind());
    }

    @Test
    void rejectsTextThatIsNoPemWithoutQuotingIt() {
        String secretLookingText = "not a key but maybe a secret";

        var e = assertThrows(KeyFileException.class, () -> AgentKeyPair.fromPem(secretLookingText));

        assertEquals(KeyFileException.Kind.MALFORMED, e.kind());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        String pemBody = cut.toPem().lines().skip(1).findFirst().orElseThrow();

        assertFalse(cut.toString().contains(pemBody.substring(0, 20)));
        assertTrue(cut.toString().contains(cut.fingerprint()));
        assertFalse(new String(cut.publicKeyBytes(), StandardCharsets.ISO_8859_1).isEmpty());
    }
}
