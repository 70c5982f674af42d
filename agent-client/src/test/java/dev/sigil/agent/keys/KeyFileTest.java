package dev.sigil.agent.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @TempDir Path dir;

    KeyFile cut;
    AgentKeyPair key = AgentKeyPair.generate(new SecureRandom());

    @BeforeEach
    void keyFileInMissingDirectory() {
        cut = new KeyFile(dir.resolve("data/agent-key.pem"));
    }

    @Test
    void writesKeyFileWithOwnerOnlyPermissions() throws Exception {
        cut.stage(key);
        cut.commit();

        assertEquals("rw-------", permissions(cut.path()));
        assertEquals("rwx------", permissions(cut.path().getParent()));
        assertFalse(Files.exists(cut.stagedPath()));
        try (var stream = Files.list(cut.path().getParent())) {
            assertEquals(1, stream.count(), "no temporary file is left behind");
        }
    }

    @Test
    void stagedKeyHasOwnerOnlyPermissions() throws Exception {
        cut.stage(key);

        assertEquals("rw-------", permissions(cut.stagedPath()));
        assertFalse(Files.exists(cut.path()));
    }

    @Test
    void keyFileParsesBackWithBouncyCastlesPemParser() throws Exception {
        cut.stage(key);
        cut.commit();

        try (var parser = new PEMParser(new StringReader(Files.readString(cut.path())))) {
            var info = assertInstanceOf(PrivateKeyInfo.class, parser.readObject());
            var parsed =
                    assertInstanceOf(
                            Ed25519PrivateKeyParameters.class, PrivateKeyFactory.createKey(info));
            assertArrayEquals(key.publicKeyBytes(), parsed.generatePublicKey().getEncoded());
        }
        assertArrayEquals(key.publicKeyBytes(), cut.read().publicKeyBytes());
    }

    /**
     * {@code ssh-keygen -y} on the key file itself. OpenSSH before 9.6 cannot read Ed25519 keys in
     * PKCS#8 ("invalid format"); there, ssh-keygen gets the same key in its own format, and openssl
     * derives the public key from the key file itself.
     */
    @Test
    void publicKeyMatchesWhatSshKeygenDerives() throws Exception {
        assumeTrue(Processes.available("ssh-keygen"), "ssh-keygen is not installed");
        cut.stage(key);
        cut.commit();
        String expected = key.openSshPublicKey(null);

        var direct = Processes.run("ssh-keygen", "-y", "-f", cut.path().toString());

        if (direct.exit() == 0) {
            assertEquals(expected, firstTwoFields(direct.outText()));
            return;
        }
        assertTrue(
                direct.err().contains("invalid format"),
                "ssh-keygen failed for another reason: " + direct.err());
        Path openSshFormat = inOpenSshFormat(cut.path());
        var converted = Processes.run("ssh-keygen", "-y", "-f", openSshFormat.toString());
        assertEquals(0, converted.exit(), converted.err());
        assertEquals(expected, firstTwoFields(converted.outText()));
        if (Processes.available("openssl")) {
            var derived =
                    Processes.run(
                            "openssl",
                            "pkey",
                            "-in",
                            cut.path().toString(),
                            "-pubout",
                            "-outform",
                            "DER");
            assertEquals(0, derived.exit(), derived.err());
            byte[] der = derived.out();
            assertArrayEquals(
                    Arrays.copyOfRange(der, der.length - 32, der.length), key.publicKeyBytes());
        }
    }

    @Test
    void commitKeepsThePreviousKeyWithOwnerOnlyPermissions() throws Exception {
        cut.stage(key);
        cut.commit();
        String first = Files.readString(cut.path());
        // Even a key file someone widened is replaced by owner-only files.
        Files.setPosixFilePermissions(cut.path(), PosixFilePermissions.fromString("rw-r--r--"));
        AgentKeyPair next = AgentKeyPair.generate(new SecureRandom());

        cut.stage(next);
        cut.commit();

        assertEquals(first, Files.readString(cut.previousPath()));
        assertArrayEquals(next.publicKeyBytes(), cut.read().publicKeyBytes());
        assertEquals("rw-------", permissions(cut.path()));
        assertEquals("rw-------", permissions(cut.previousPath()));
        assertFalse(Files.exists(cut.stagedPath()));
    }

    @Test
    void discardingTheStagedKeyKeepsTheCurrentOne() throws Exception {
        cut.stage(key);
        cut.commit();
        cut.stage(AgentKeyPair.generate(new SecureRandom()));

        cut.discardStaged();

        assertFalse(Files.exists(cut.stagedPath()));
        assertArrayEquals(key.publicKeyBytes(), cut.read().publicKeyBytes());
    }

    @Test
    void failsWithIoKindWhenTheDirectoryCannotBeCreated() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        var unwritable = new KeyFile(notADirectory.resolve("agent-key.pem"));

        var e = assertThrows(KeyFileException.class, () -> unwritable.stage(key));

        assertEquals(KeyFileException.Kind.IO, e.kind());
        assertTrue(e.getMessage().startsWith("cannot write the private key to "), e.getMessage());
    }

    @Test
    void readingAFileWithoutAKeyIsMalformed() throws Exception {
        Files.createDirectories(cut.path().getParent());
        Files.writeString(
                cut.path(), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        var e = assertThrows(KeyFileException.class, cut::read);

        assertEquals(KeyFileException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains(cut.path().toString()), e.getMessage());
    }

    private Path inOpenSshFormat(Path keyFile) throws Exception {
        Ed25519PrivateKeyParameters parsed;
        try (var parser = new PEMParser(new StringReader(Files.readString(keyFile)))) {
            parsed =
                    (Ed25519PrivateKeyParameters)
                            PrivateKeyFactory.createKey((PrivateKeyInfo) parser.readObject());
        }
        var pem = new java.io.StringWriter();
        try (var writer = new PemWriter(pem)) {
            writer.writeObject(
                    new PemObject(
                            "OPENSSH PRIVATE KEY", OpenSSHPrivateKeyUtil.encodePrivateKey(parsed)));
        }
        return PrivateFiles.createExclusively(
                dir.resolve("openssh-format"),
                pem.toString().getBytes(StandardCharsets.US_ASCII),
                PrivateFiles.OWNER_ONLY);
    }

    private static String firstTwoFields(String line) {
        String[] fields = line.split(" ");
        return fields[0] + " " + fields[1];
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theLockIsOwnerOnlyAndFreeAgainOnceClosed() throws Exception {
        var key = new KeyFile(dir.resolve("agent").resolve("agent-key.pem"));

        try (KeyFile.Lock lock = key.lock(line -> fail("waited: " + line))) {
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(key.lockPath())));
            assertEquals(
                    "rwx------",
                    PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(key.lockPath().getParent())));
        }
        try (KeyFile.Lock again = key.lock(line -> fail("waited: " + line))) {
            assertTrue(Files.exists(key.lockPath()));
        }
    }

    /** A second sigil-agent process holds the key files: the lock says so, and waits for it. */
    @Test
    void theLockWaitsWhileAnotherProcessHoldsIt() throws Exception {
        var key = new KeyFile(dir.resolve("agent-key.pem"));
        List<String> lines = new CopyOnWriteArrayList<>();
        var waiting = new CountDownLatch(1);

        try (LockHolder other = LockHolder.hold(key.lockPath())) {
            CompletableFuture<KeyFile.Lock> taken =
                    CompletableFuture.supplyAsync(
                            () ->
                                    key.lock(
                                            line -> {
                                                lines.add(line);
                                                waiting.countDown();
                                            }));
            assertTrue(waiting.await(30, TimeUnit.SECONDS), "lock() never waited");
            assertFalse(taken.isDone(), "lock() returned while the other process held it");

            other.release();

            try (KeyFile.Lock lock = taken.get(30, TimeUnit.SECONDS)) {
                assertEquals(
                        List.of(
                                "Waiting for another sigil-agent process to finish with the key"
                                        + " files (it holds "
                                        + key.lockPath()
                                        + ")..."),
                        lines);
            }
        }
    }
}
