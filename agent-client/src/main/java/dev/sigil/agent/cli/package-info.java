/**
 * The {@code sigil-agent} command line: {@code register}, {@code token}, {@code whoami} and {@code
 * rotate-key}.
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li>L1.1 Progress goes to stderr; stdout carries only what a command exists to print (the
 *       token, the agent record, the new fingerprint, or the install files that could not be
 *       written), so scripts can capture it.
 *   <li>L1.2 An error is one line on stderr, {@code sigil-agent: <message>}, and the process exits
 *       with the code of one {@link dev.sigil.agent.cli.ExitCode}; usage errors exit with {@code
 *       USAGE}. No stack trace is printed.
 *   <li>L1.3 Nothing prints the registration token, a private key or the passphrase: not a progress
 *       line, not an error (usage errors included), not a log line. {@code token} prints the access
 *       token because that is what it is for.
 *   <li>L2.1 {@code register} writes the private key before it uses the registration token (which
 *       works once), and refuses to replace an existing key file without {@code --force}.
 *   <li>L2.2 A registration or rotation stands even when the following authentication test fails:
 *       that is a warning, and the exit code stays {@code OK}.
 *   <li>L2.3 When the data directory cannot take {@code agent.env} or the unit, {@code register}
 *       prints them on stdout instead, with the passphrase left for the administrator to fill in.
 *   <li>L3.1 {@code rotate-key} installs the new key only after the server accepted it, and keeps
 *       the new key on disk ({@code .new}) whenever the outcome is unknown.
 * </ul>
 *
 * <p>Uses {@code config}, {@code keys} and {@code channel}.
 */
package dev.sigil.agent.cli;
