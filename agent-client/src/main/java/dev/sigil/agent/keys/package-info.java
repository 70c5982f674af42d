/**
 * The agent's identity: its Ed25519 key pair, the key file on disk and the JWTs it signs.
 *
 * <p>Operations: generate a key pair, show its public half in OpenSSH form and its SHA-256
 * fingerprint, keep the private half in a PKCS#8 PEM file, and sign client assertions (RFC 7523)
 * and key-rotation proofs.
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li>K1.1 A private key file, and every temporary or previous copy of one, is created with mode
 *       0600 (the permission is an attribute of the creation, never set afterwards), in a directory
 *       that is created with mode 0700 when missing.
 *   <li>K1.2 Replacing a key file is atomic (rename in the same directory): at every instant the
 *       key file holds either the old or the new key. The old key is kept as {@code
 *       <file>.previous}.
 *   <li>K1.3 A new key is staged ({@code <file>.new}) before the server learns of it, so a key the
 *       server has accepted is never only in memory.
 *   <li>K2.1 An assertion has header {@code alg: EdDSA, typ: JWT} and claims {@code iss = sub =}
 *       agent id, {@code aud} = the endpoint it is sent to, {@code iat}, {@code exp = iat + 60 s}
 *       (never more than 5 minutes) and a random UUID {@code jti}.
 *   <li>K3.1 No key material appears in a message, a {@code toString} or a log line.
 * </ul>
 *
 * <p>Decisions: BouncyCastle's lightweight Ed25519 (about 20 times faster than the JDK's on the
 * target machines, and no JCA provider registration, so the shaded jar needs no signed BC jar).
 * Nimbus signs the JWTs through {@link dev.sigil.agent.keys.Ed25519JwsSigner}, a small adapter,
 * because Nimbus's own Ed25519 signer needs Google Tink.
 *
 * <p>Uses no other component.
 */
package dev.sigil.agent.keys;
