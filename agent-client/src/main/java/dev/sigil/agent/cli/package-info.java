/**
 * The {@code sigil-agent} command line: {@code register}, {@code run}, {@code token}, {@code
 * whoami} and {@code rotate-key}.
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li>L1.1 Progress goes to stderr; stdout carries only what a command exists to print (the
 *       token, the agent record, the new fingerprint, the install files that could not be written,
 *       or the status lines of {@code run}), so scripts can capture it.
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
 *   <li>L4.1 {@code run} reads its configuration and key as the other commands do, authenticates
 *       and reads the agent's record; its first success prints one status line on stdout: agent,
 *       name, key fingerprint and expiry, check interval. Its status lines (start, rotation,
 *       recovery, stop) go to stdout, failures and warnings to stderr, one line each.
 *   <li>L4.2 It checks again every {@code --check-interval} (1 hour, at least 1 s) with the key
 *       file read anew, a fresh assertion, a fresh token and the record; while all is well it
 *       prints nothing.
 *   <li>L4.3 It rotates the key as {@code rotate-key} does once no more than {@code
 *       --rotate-before} (14 days) of the key's lifetime is left, or a third of it for a key that
 *       this process installed and whose lifetime is no longer than {@code --rotate-before} (see
 *       {@link dev.sigil.agent.cli.RotationSchedule}). A key without expiry is never rotated. The
 *       next check comes no later than the moment the key comes due.
 *   <li>L4.4 No answer, a server error (5xx or an answer off the contract) and a rate limit (429)
 *       print one line on stderr and are retried after a backoff ({@link
 *       dev.sigil.agent.cli.Backoff}: 5 s doubling to at most the check interval or 5 minutes,
 *       jittered, never less than {@code Retry-After}); the next success prints a recovery line.
 *   <li>L4.5 A key left staged ({@code .new}) is installed when the server reports its fingerprint,
 *       discarded when the server reports the current key and the proof made for the staged key can
 *       no longer be accepted (6 minutes after it was written), and otherwise left, with no
 *       rotation until it is settled. A rotation the server refuses (4xx) is a warning and is tried
 *       again at the next check.
 *   <li>L4.6 It exits, with one line on stderr, only when a retry cannot help: {@code REJECTED} (5)
 *       when the server refuses the token request or the record (4xx other than 429: the agent is
 *       disabled or deleted, or its key expired or was replaced), {@code CONFIG} (3) for the
 *       configuration, the key file or a redirect, {@code IO} (7) for a file it cannot read or
 *       write. The systemd unit does not restart it after those.
 *   <li>L4.7 SIGTERM and SIGINT end a wait at once; a step under way (an HTTP call, a rotation) is
 *       finished, not cut. It then prints {@code stopped} and the process exits with 0.
 *   <li>L4.8 {@code rotate-key} and the key work of {@code run} (settling a staged key, rotating)
 *       hold an operating-system lock on {@code agent-key.pem.lock} while they change the key
 *       files; one that finds it held says so and waits, then reads the key again. {@code run} then
 *       checks again with the key it finds instead of rotating the one it read before.
 * </ul>
 *
 * <p>Uses {@code config}, {@code keys} and {@code channel}.
 */
package dev.sigil.agent.cli;
