/**
 * Agents: the machines Sigil gives a cryptographic identity, their public keys and their
 * registration tokens.
 *
 * <p>Operations: add an agent (register via agent, or with a supplied public key), list, read,
 * issue a fresh registration token, disable, enable, delete; registration by the agent with its
 * one-time token; key rotation by the agent ({@link dev.sigil.agents.boundary.AgentRegistry}).
 * Parse a public key an administrator pastes ({@link dev.sigil.agents.control.PublicKeyParser})
 * into an {@link dev.sigil.agents.entity.AgentPublicKey} with its storage form, OpenSSH
 * fingerprint, RFC 7638 thumbprint, JWK and OpenSSH encodings.
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li>R5.1 An agent key is Ed25519 or RSA. Accepted forms: one-line OpenSSH ({@code ssh-ed25519},
 *       {@code ssh-rsa}, comment optional); PEM {@code PUBLIC KEY} and {@code RSA PUBLIC KEY}; a
 *       public JWK ({@code kty OKP} with {@code crv Ed25519}, or {@code kty RSA}); raw base64
 *       (standard or url-safe) with a key type: 32 bytes for Ed25519, DER SubjectPublicKeyInfo or
 *       PKCS#1 for RSA.
 *   <li>R5.2 RSA keys have between 2048 and 8192 bits and an odd public exponent from 3 to below
 *       2^64; Ed25519 keys are points on the curve.
 *   <li>R5.3 Private keys (PEM, JWK with {@code d}, {@code p} and the like, DER private keys),
 *       other algorithms (ECDSA, DSA, Ed448, X25519, RSASSA-PSS), certificates, several keys at
 *       once and text after a key are rejected.
 *   <li>R5.4 Raw base64 without a key type is rejected, and so is a key type that contradicts the
 *       key.
 *   <li>R5.5 Every rejection is a validation failure (400, {@code validation-failed}) on the field
 *       {@code publicKey}, or {@code keyType} for a key type that is unknown, missing or
 *       contradicted; its message says what is wrong and never repeats the input. No other
 *       exception escapes the parser, whatever the input.
 *   <li>R5.6 Text longer than 16 KiB is rejected before any parsing.
 *   <li>R5.7 The same key in any accepted form yields the same stored bytes, fingerprint and
 *       thumbprint. The fingerprint is what {@code ssh-keygen -lf} prints ({@code SHA256:} and
 *       unpadded base64); the thumbprint is the RFC 7638 SHA-256 JWK thumbprint, base64url.
 *   <li>R5.8 A registration token is 256 random bits, valid {@code agents.registration-token.ttl}
 *       (one hour), stored only as its SHA-256 hash and shown once; issuing a new one kills the old
 *       one.
 *   <li>R5.9 A registration spends the token with one conditional update, so of any number of
 *       concurrent registrations with one token exactly one succeeds, on any node; the key is
 *       parsed first, so a bad key costs no token.
 *   <li>R5.10 Wrong, expired and spent tokens, and unknown agents, get the same 401 answer.
 *   <li>R5.11 A registered key expires after {@code agents.key.ttl} (90 days); a supplied key after
 *       {@code keyTtlDays}. A rotation keeps the old key valid for {@code
 *       agents.key-rotation.overlap} (24 hours); a re-registration replaces it at once.
 *   <li>R5.12 Disabling an agent advances its token generation: every access token it holds dies at
 *       once, and stays dead after the agent is enabled again.
 *   <li>R5.13 Every change to an agent is audited with the agent's id, never with a token.
 *   <li>R5.14 Authentication reads agents through a per-node cache ({@link
 *       dev.sigil.agents.control.AgentDirectory}). A change takes effect on the node that made it
 *       before the call that made it returns, and on every other node when the broker delivers its
 *       {@link dev.sigil.agents.entity.AgentChanged} message (milliseconds); should that message be
 *       lost, at most {@code agents.cache.ttl} (10 s) later. While a node is not subscribed to
 *       other nodes' changes, it caches nothing.
 * </ul>
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>Keys are stored as DER SubjectPublicKeyInfo, re-encoded from the parsed key material: one
 *       canonical form for every input format, read back by the JDK {@code KeyFactory} without
 *       BouncyCastle.
 *   <li>Rebuilding a stored key applies no acceptance rule, so raising a minimum later never makes
 *       stored keys unreadable; the rules live in the parser only.
 *   <li>All decoding is done by BouncyCastle, Nimbus JOSE+JWT and the JDK; Sigil does not parse
 *       ASN.1 or the SSH wire format itself.
 *   <li>RSA sizes are checked before BouncyCastle's modulus validation, and {@code ssh-rsa} blobs
 *       by length before decoding: validating a crafted 16384-bit modulus takes tens of seconds.
 *       8192 bits is the ceiling for the same reason; agents need no more.
 *   <li>Raw base64 needs a key type, because 32 random bytes cannot be told apart from anything
 *       else.
 *   <li>Agents are cached per node and invalidated through the broker, not read on every request:
 *       the read was the largest part of an authenticated request (a database read, an EJB call and
 *       an entity copy: 15 % of it), agents change rarely, and the broker is already shared by
 *       every node. The cache holds copies that no persistence context manages and hands out copies
 *       of those. A read that raced with a change is dropped (an epoch counts invalidations), so no
 *       invalidation is ever undone by a late read. The TTL only bounds the case of a change whose
 *       message never arrives.
 * </ul>
 *
 * <p>May use: platform, audit, tokens (to check a rotation's proof). Used by messaging, which
 * relays {@link dev.sigil.agents.entity.AgentChanged} between nodes.
 */
package dev.sigil.agents;
