package dev.sigil.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The systemd unit that runs the agent as a service (C2.1).
 *
 * @param agentId shown in the description
 * @param java the {@code java} launcher
 * @param jar the agent's jar
 * @param envFile the {@code agent.env} the unit reads
 * @param dataDir the only directory the service may write to
 */
public record SystemdUnit(String agentId, Path java, Path jar, Path envFile, Path dataDir) {

    /** The system user the service runs as. */
    public static final String USER = "sigil-agent";

    /**
     * The exit codes of {@code run} after which systemd does not restart it: configuration (3),
     * rejected by the server (5) and file errors (7), which a restart cannot cure.
     */
    public static final String RESTART_PREVENT_EXIT_STATUS = "2 3 5 7";

    public String render() {
        return String.join(
                "\n",
                List.of(
                        "# Sigil agent service, written by `sigil-agent register`.",
                        "# Install: copy to /etc/systemd/system/, then",
                        "#   systemctl daemon-reload && systemctl enable --now sigil-agent",
                        "",
                        "[Unit]",
                        "Description=Sigil agent " + agentId.replace("%", "%%"),
                        "Wants=network-online.target",
                        "After=network-online.target",
                        "",
                        "[Service]",
                        "Type=exec",
                        "# A fixed system user, not DynamicUser=yes. A dynamic user gets a new UID at",
                        "# each start and can only keep files in the StateDirectory= that systemd",
                        "# re-owns for it under /var/lib; this agent keeps its key (mode 0600) in the",
                        "# data directory chosen at registration, so it needs an owner that stays.",
                        "# Create the user and hand it the data directory once:",
                        "#   useradd --system --no-create-home --shell /usr/sbin/nologin " + USER,
                        "#   chown -R " + USER + ":" + USER + " " + dataDir,
                        "User=" + USER,
                        "Group=" + USER,
                        "EnvironmentFile=" + escape(envFile),
                        "ExecStart="
                                + commandWord(java.toString())
                                + " -jar "
                                + commandWord(jar.toString())
                                + " run",
                        "# run retries network and server failures itself. It exits only when a retry",
                        "# cannot help: 2 the command line above is wrong, 3 the configuration or key",
                        "# file is missing or wrong, 5 the server refuses the agent (disabled,",
                        "# deleted, key expired or replaced), 7 a file cannot be read or written.",
                        "# Restarting would only repeat that.",
                        "Restart=on-failure",
                        "RestartPreventExitStatus=" + RESTART_PREVENT_EXIT_STATUS,
                        "RestartSec=5s",
                        "UMask=0077",
                        "",
                        "# Sandboxing: the whole file system is read-only except the data directory.",
                        "NoNewPrivileges=yes",
                        "ProtectSystem=strict",
                        "ProtectHome=yes",
                        "PrivateTmp=yes",
                        "ReadWritePaths=" + quote(escape(dataDir)),
                        "PrivateDevices=yes",
                        "ProtectKernelTunables=yes",
                        "ProtectKernelModules=yes",
                        "ProtectControlGroups=yes",
                        "RestrictSUIDSGID=yes",
                        "LockPersonality=yes",
                        "CapabilityBoundingSet=",
                        "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
                        "# No MemoryDenyWriteExecute=: the JVM's JIT compiler needs writable code.",
                        "",
                        "[Install]",
                        "WantedBy=multi-user.target",
                        ""));
    }

    /**
     * Whether the sandbox hides {@code path} from the service: {@code ProtectHome=yes} hides {@code
     * /home}, {@code /root} and {@code /run/user}; {@code PrivateTmp=yes} gives the service its own
     * {@code /tmp} and {@code /var/tmp}.
     */
    public static boolean hiddenFromService(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return Stream.of("/home", "/root", "/run/user", "/tmp", "/var/tmp")
                .anyMatch(absolute::startsWith);
    }

    private static String escape(Path path) {
        return path.toString().replace("%", "%%");
    }

    /** A word of {@code ExecStart=}: specifiers and variables escaped, quoted if need be. */
    private static String commandWord(String word) {
        return quote(word.replace("%", "%%").replace("$", "$$"));
    }

    /** Quoted when it has blanks, quotes or backslashes. */
    private static String quote(String escaped) {
        if (escaped.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\')) {
            return '"' + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return escaped;
    }
}
