/**
 * Where the agent finds its server, its id and its key, and the files that install it as a service.
 *
 * <p>Operations: resolve the configuration from the data directory's {@code agent.env}, the
 * environment and the command-line flags; read and write {@code KEY=VALUE} files; render the
 * systemd unit.
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li>C1.1 A setting comes from the first of: a flag, an environment variable, {@code agent.env}
 *       in the data directory. The names are {@code SIGIL_SERVER_URL}, {@code SIGIL_AGENT_ID},
 *       {@code SIGIL_AGENT_KEY_FILE}, and the flags {@code --server}, {@code --agent-id}, {@code
 *       --key-file}.
 *   <li>C1.2 The data directory is {@code --data-dir}, else {@code SIGIL_AGENT_DATA_DIR}, else
 *       {@code ./sigil-agent}; it cannot come from {@code agent.env}, which lives in it. The key
 *       file defaults to {@code agent-key.pem} in it.
 *   <li>C1.3 A server URL is absolute {@code http} or {@code https}, has a host, and carries no
 *       user info, query or fragment.
 *   <li>C1.4 A malformed {@code agent.env} line is reported by its number, never by its content (it
 *       may hold the passphrase).
 *   <li>C2.1 The unit runs the agent under a fixed system user with systemd's sandboxing, writing
 *       only to the data directory.
 * </ul>
 *
 * <p>The environment is passed in as a map (never read from {@link System#getenv()} here), so tests
 * set it without touching the process.
 *
 * <p>Uses no other component.
 */
package dev.sigil.agent.config;
