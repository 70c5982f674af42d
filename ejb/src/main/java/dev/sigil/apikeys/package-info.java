/**
 * API keys: credentials for automation and administrators' scripts.
 *
 * <p>Operations: create a key (the secret is returned once), list keys without secrets, revoke a
 * key, authenticate a presented key.
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li>R3.1 A key's secret is shown only in the response that creates it; Sigil stores its SHA-256
 *       hash and a short display prefix, nothing else.
 *   <li>R3.2 A revoked key fails authentication from the moment the revocation commits.
 *   <li>R3.3 Viewer keys read; admin keys also write.
 *   <li>R3.4 Each key has its own allowance per minute (default 600); past it, 429 with
 *       Retry-After.
 *   <li>R3.5 Creation, revocation and denied authentication are audited, never with the secret.
 * </ul>
 *
 * <p>Decisions: a key is 32 random bytes, so a plain SHA-256 (not a slow password hash) is the
 * right storage: there is nothing to brute-force, and lookups by hash stay one index probe.
 *
 * <p>May use: platform, audit.
 */
package dev.sigil.apikeys;
