package dev.sigil.agent.config;

import java.nio.file.Path;

/** The command-line flags that override the file and the environment; {@code null} when absent. */
public record Flags(String server, String agentId, Path keyFile, Path dataDir) {

    public static Flags none() {
        return new Flags(null, null, null, null);
    }
}
