package dev.sigil.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemdUnitTest {

    SystemdUnit cut =
            new SystemdUnit(
                    "agent-1",
                    Path.of("/usr/lib/jvm/java-17/bin/java"),
                    Path.of("/opt/sigil-agent/sigil-agent.jar"),
                    Path.of("/var/lib/sigil-agent/agent.env"),
                    Path.of("/var/lib/sigil-agent"));

    @Test
    void runsTheJarWithTheEnvironmentFileAndRestartsOnFailure() {
        List<String> lines = cut.render().lines().toList();

        assertTrue(
                lines.contains("EnvironmentFile=/var/lib/sigil-agent/agent.env"), lines::toString);
        assertTrue(
                lines.contains(
                        "ExecStart=/usr/lib/jvm/java-17/bin/java -jar"
                                + " /opt/sigil-agent/sigil-agent.jar run"),
                lines::toString);
        assertTrue(lines.contains("Restart=on-failure"), lines::toString);
        assertTrue(lines.contains("WantedBy=multi-user.target"), lines::toString);
    }

    @Test
    void doesNotRestartAfterFailuresThatARestartCannotCure() {
        List<String> lines = cut.render().lines().toList();

        int restart = lines.indexOf("Restart=on-failure");
        assertEquals("RestartPreventExitStatus=2 3 5 7", lines.get(restart + 1), lines::toString);
        var comment = new StringBuilder();
        for (int i = restart - 1; lines.get(i).startsWith("#"); i--) {
            comment.insert(0, lines.get(i).substring(1));
        }
        for (String reason : List.of("3 the configuration", "5 the", "7 a file")) {
            assertTrue(comment.toString().contains(reason), reason + " in " + comment);
        }
    }

    @Test
    void sandboxesTheServiceWithOnlyTheDataDirectoryWritable() {
        List<String> lines = cut.render().lines().toList();

        for (String line :
                List.of(
                        "NoNewPrivileges=yes",
                        "ProtectSystem=strict",
                        "ProtectHome=yes",
                        "PrivateTmp=yes",
                        "ReadWritePaths=/var/lib/sigil-agent",
                        "User=sigil-agent",
                        "Group=sigil-agent")) {
            assertTrue(lines.contains(line), line + " in " + lines);
        }
        assertFalse(
                lines.stream().anyMatch(l -> l.startsWith("DynamicUser=")),
                "a fixed user, with the reason in a comment");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("#") && l.contains("DynamicUser")));
    }

    @Test
    void quotesPathsWithBlanksAndEscapesSpecifiers() {
        var unit =
                new SystemdUnit(
                        "agent-1",
                        Path.of("/usr/bin/java"),
                        Path.of("/opt/my agent/sigil-agent.jar"),
                        Path.of("/srv/100%/agent.env"),
                        Path.of("/srv/100%"));

        List<String> lines = unit.render().lines().toList();

        assertTrue(
                lines.contains(
                        "ExecStart=/usr/bin/java -jar \"/opt/my agent/sigil-agent.jar\" run"),
                lines::toString);
        assertTrue(lines.contains("ReadWritePaths=/srv/100%%"), lines::toString);
        assertTrue(lines.contains("EnvironmentFile=/srv/100%%/agent.env"), lines::toString);
    }

    @Test
    void knowsWhatTheSandboxHides() {
        assertTrue(SystemdUnit.hiddenFromService(Path.of("/home/ops/sigil-agent")));
        assertTrue(SystemdUnit.hiddenFromService(Path.of("/root/sigil-agent")));
        assertTrue(SystemdUnit.hiddenFromService(Path.of("/tmp/sigil-agent")));
        assertFalse(SystemdUnit.hiddenFromService(Path.of("/var/lib/sigil-agent")));
        assertFalse(SystemdUnit.hiddenFromService(Path.of("/homestead")));
    }
}
