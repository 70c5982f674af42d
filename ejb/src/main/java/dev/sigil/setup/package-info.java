/**
 * Setup: the first administrator of a new installation.
 *
 * <p>Operations: at start, while no API key exists, write a one-time setup token to {@code <data
 * dir>/setup-token} (mode 0600) and log its path, never its value; complete setup with that token,
 * which creates the first admin API key and returns it once.
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li>R2.1 The token is stored only as a SHA-256 hash.
 *   <li>R2.2 The token is consumed atomically by one conditional update: of any number of
 *       concurrent calls with the right token, exactly one succeeds, also across nodes.
 *   <li>R2.3 After setup, every call answers 409 ({@code setup-completed}); a wrong token before
 *       setup answers 401 ({@code invalid-setup-token}). Both are audited.
 *   <li>R2.4 A start with setup pending and the token file gone writes a fresh token (the old one
 *       dies), so a lost token never locks the installation out.
 * </ul>
 *
 * <p>May use: platform, audit, apikeys.
 */
package dev.sigil.setup;
