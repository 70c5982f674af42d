package dev.sigil.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Resolves the configuration: {@code agent.env} &lt; environment &lt; flags (C1.1, C1.2). */
public final class ConfigResolver {

    static final String DEFAULT_DATA_DIR = "sigil-agent";

    private final Map<String, String> environment;

    /**
     * @param environment the process environment, or a map standing in for it
     */
    public ConfigResolver(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public AgentConfig resolve(Flags flags) {
        Path dataDir =
                Optional.ofNullable(flags.dataDir())
                        .or(() -> fromEnvironment(AgentConfig.DATA_DIR).map(ConfigResolver::path))
                        .orElse(Path.of(DEFAULT_DATA_DIR))
                        .toAbsolutePath()
                        .normalize();
        EnvFile file = EnvFile.read(dataDir.resolve(AgentConfig.ENV_FILE_NAME));

        Optional<URI> server =
                Optional.ofNullable(flags.server())
                        .filter(s -> !s.isBlank())
                        .or(() -> fromEnvironment(AgentConfig.SERVER_URL))
                        .or(() -> file.get(AgentConfig.SERVER_URL))
                        .map(ConfigResolver::serverUrl);
        Optional<String> agentId =
                Optional.ofNullable(flags.agentId())
                        .filter(s -> !s.isBlank())
                        .or(() -> fromEnvironment(AgentConfig.AGENT_ID))
                        .or(() -> file.get(AgentConfig.AGENT_ID))
                        .map(String::strip);
        Path keyFile =
                Optional.ofNullable(flags.keyFile())
                        .or(() -> fromEnvironment(AgentConfig.KEY_FILE).map(ConfigResolver::path))
                        .or(() -> file.get(AgentConfig.KEY_FILE).map(ConfigResolver::path))
                        .orElse(dataDir.resolve(AgentConfig.KEY_FILE_NAME))
                        .toAbsolutePath()
                        .normalize();
        return new AgentConfig(server, agentId, keyFile, dataDir, file);
    }

    private Optional<String> fromEnvironment(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }

    private static Path path(String value) {
        try {
            return Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new ConfigException("not a file path: " + e.getInput());
        }
    }

    /** Checks a server URL (C1.3) and drops a trailing slash. */
    public static URI serverUrl(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new ConfigException("the server URL is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new ConfigException(
                    "the server URL must start with https:// (or http:// for a local test)");
        }
        if (uri.getRawUserInfo() != null) {
            // Never echo it: it may hold a password.
            throw new ConfigException("the server URL must not contain a user name or password");
        }
        if (uri.getHost() == null) {
            throw new ConfigException("the server URL has no host name");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException("the server URL must not have a query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }
}
