package dev.sigil.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {

    @TempDir Path dataDir;

    @BeforeEach
    void agentEnvWithEverySetting() throws Exception {
        Files.writeString(
                dataDir.resolve("agent.env"),
                """
                # written by register
                SIGIL_SERVER_URL=https://file.example.com
                SIGIL_AGENT_ID=from-file
                SIGIL_AGENT_KEY_FILE=/etc/sigil/file-key.pem
                SIGIL_AGENT_PASSPHRASE=file-passphrase
                """);
    }

    @Test
    void fileAloneSuppliesEverySetting() {
        var cut = new ConfigResolver(Map.of());

        AgentConfig config = cut.resolve(new Flags(null, null, null, dataDir));

        assertEquals(Optional.of(URI.create("https://file.example.com")), config.server());
        assertEquals(Optional.of("from-file"), config.agentId());
        assertEquals(Path.of("/etc/sigil/file-key.pem"), config.keyFile());
        assertEquals(Optional.of("file-passphrase"), config.env().get(AgentConfig.PASSPHRASE));
    }

    @Test
    void environmentOverridesTheFile() {
        var cut =
                new ConfigResolver(
                        Map.of(
                                "SIGIL_SERVER_URL", "https://env.example.com",
                                "SIGIL_AGENT_KEY_FILE", "/etc/sigil/env-key.pem"));

        AgentConfig config = cut.resolve(new Flags(null, null, null, dataDir));

        assertEquals(Optional.of(URI.create("https://env.example.com")), config.server());
        assertEquals(Optional.of("from-file"), config.agentId());
        assertEquals(Path.of("/etc/sigil/env-key.pem"), config.keyFile());
    }

    @Test
    void flagsOverrideTheEnvironmentAndTheFile() {
        var cut =
                new ConfigResolver(
                        Map.of(
                                "SIGIL_SERVER_URL", "https://env.example.com",
                                "SIGIL_AGENT_ID", "from-env",
                                "SIGIL_AGENT_KEY_FILE", "/etc/sigil/env-key.pem"));

        AgentConfig config =
                cut.resolve(
                        new Flags(
                                "https://flag.example.com/",
                                "from-flag",
                                Path.of("/etc/sigil/flag-key.pem"),
                                dataDir));

        assertEquals(Optional.of(URI.create("https://flag.example.com")), config.server());
        assertEquals(Optional.of("from-flag"), config.agentId());
        assertEquals(Path.of("/etc/sigil/flag-key.pem"), config.keyFile());
    }

    @Test
    void blankValuesDoNotOverride() {
        var cut = new ConfigResolver(Map.of("SIGIL_AGENT_ID", " "));

        AgentConfig config = cut.resolve(new Flags("", null, null, dataDir));

        assertEquals(Optional.of("from-file"), config.agentId());
        assertEquals(Optional.of(URI.create("https://file.example.com")), config.server());
    }

    @Test
    void dataDirComesFromTheEnvironmentWhenNoFlagGivesIt() {
        var cut = new ConfigResolver(Map.of("SIGIL_AGENT_DATA_DIR", dataDir.toString()));

        AgentConfig config = cut.resolve(Flags.none());

        assertEquals(dataDir, config.dataDir());
        assertEquals(Optional.of("from-file"), config.agentId(), "agent.env read from there");
    }

    @Test
    void dataDirDefaultsToSigilAgentInTheWorkingDirectoryWithTheKeyInIt() {
        var cut = new ConfigResolver(Map.of());

        AgentConfig config = cut.resolve(Flags.none());

        assertEquals(Path.of("sigil-agent").toAbsolutePath(), config.dataDir());
        assertEquals(config.dataDir().resolve("agent-key.pem"), config.keyFile());
    }

    @Test
    void missingServerNamesTheFlagAndTheVariable() throws Exception {
        Files.delete(dataDir.resolve("agent.env"));
        AgentConfig config =
                new ConfigResolver(Map.of()).resolve(new Flags(null, null, null, dataDir));

        var e = assertThrows(ConfigException.class, config::requireServer);

        assertTrue(e.getMessage().contains("--server"), e.getMessage());
        assertTrue(e.getMessage().contains("SIGIL_SERVER_URL"), e.getMessage());
    }

    @Test
    void rejectsServerUrlWithCredentialsWithoutEchoingThem() {
        var e =
                assertThrows(
                        ConfigException.class,
                        () -> ConfigResolver.serverUrl("https://admin:hunter2@sigil.example.com"));

        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void rejectsServerUrlsThatAreNotHttp() {
        assertThrows(
                ConfigException.class, () -> ConfigResolver.serverUrl("ftp://sigil.example.com"));
        assertThrows(ConfigException.class, () -> ConfigResolver.serverUrl("sigil.example.com"));
        assertThrows(
                ConfigException.class,
                () -> ConfigResolver.serverUrl("https://sigil.example.com/?x=1"));
    }

    @Test
    void keepsAPathPrefixOfTheServerUrl() {
        assertEquals(
                URI.create("https://example.com/sigil"),
                ConfigResolver.serverUrl("https://example.com/sigil//"));
    }
}
