package dev.sigil.agents.entity;

import java.util.Locale;
import java.util.Optional;

/** The kinds of public key an agent may hold. */
public enum KeyType {
    ED25519("ed25519", "EdDSA", "ssh-ed25519", "Ed25519"),
    RSA("rsa", "RS256", "ssh-rsa", "RSA");

    private final String wireName;
    private final String joseAlgorithm;
    private final String sshName;
    private final String jcaName;

    KeyType(String wireName, String joseAlgorithm, String sshName, String jcaName) {
        this.wireName = wireName;
        this.joseAlgorithm = joseAlgorithm;
        this.sshName = sshName;
        this.jcaName = jcaName;
    }

    /** The name in the API and the database: {@code ed25519} or {@code rsa}. */
    public String wireName() {
        return wireName;
    }

    /** The JOSE {@code alg} an agent signs with: {@code EdDSA} or {@code RS256}. */
    public String joseAlgorithm() {
        return joseAlgorithm;
    }

    /** The OpenSSH key type name: {@code ssh-ed25519} or {@code ssh-rsa}. */
    public String sshName() {
        return sshName;
    }

    /** The JCA algorithm name for {@link java.security.KeyFactory}. */
    public String jcaName() {
        return jcaName;
    }

    /** The type with this wire name, ignoring case and surrounding blanks. */
    public static Optional<KeyType> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (KeyType type : values()) {
            if (type.wireName.equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
