package dev.sigil.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The resolved configuration. Server and agent id may be missing until a command needs them.
 *
 * @param env the settings of {@code agent.env} as read (empty when there is none); kept so that a
 *     new registration can carry over the passphrase
 */
public record AgentConfig(
        Optional<URI> server, Optional<String> agentId, Path keyFile, Path dataDir, EnvFile env) {

    public static final String SERVER_URL = "SIGIL_SERVER_URL";
    public static final String AGENT_ID = "SIGIL_AGENT_ID";
    public static final String KEY_FILE = "SIGIL_AGENT_KEY_FILE";
    public static final String DATA_DIR = "SIGIL_AGENT_DATA_DIR";
    public static final String PASSPHRASE = "SIGIL_AGENT_PASSPHRASE";

    public static final String ENV_FILE_NAME = "agent.env";
    public static final String KEY_FILE_NAME = "agent-key.pem";
    public static final String UNIT_FILE_NAME = "sigil-agent.service";

    public URI requireServer() {
        return server.orElseThrow(
                () -> new ConfigException("no server URL: pass --server or set " + SERVER_URL));
    }

    public String requireAgentId() {
        return agentId.orElseThrow(
                () -> new ConfigException("no agent id: pass --agent-id or set " + AGENT_ID));
    }

    public Path envFile() {
        return dataDir.resolve(ENV_FILE_NAME);
    }

    public Path unitFile() {
        return dataDir.resolve(UNIT_FILE_NAME);
    }
}
