package dev.sigil.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvFileTest {

    @Test
    void roundTripsValuesWithBlanksQuotesAndBackslashes() {
        var values = new LinkedHashMap<String, String>();
        values.put("PLAIN", "https://sigil.example.com:8443/x");
        values.put("SPACED", "/var/lib/sigil agent/agent-key.pem");
        values.put("AWKWARD", "a \"quoted\" back\\slash $HOME");
        var cut = EnvFile.of(List.of("header"), values);

        String text = cut.render();

        assertTrue(text.startsWith("# header\n"), text);
        assertTrue(text.contains("PLAIN=https://sigil.example.com:8443/x\n"), text);
        assertEquals(values, EnvFile.parse(text, "agent.env").values());
    }

    @Test
    void ignoresCommentsAndBlankLinesAndReadsQuotedValues() {
        var cut =
                EnvFile.parse(
                        """
                        # comment
                        ; another comment

                          SIGIL_AGENT_ID = agent-1
                        SIGIL_SERVER_URL="https://sigil.example.com"
                        SIGIL_AGENT_KEY_FILE='/etc/sigil/agent key.pem'
                        """,
                        "agent.env");

        assertEquals(
                Map.of(
                        "SIGIL_AGENT_ID", "agent-1",
                        "SIGIL_SERVER_URL", "https://sigil.example.com",
                        "SIGIL_AGENT_KEY_FILE", "/etc/sigil/agent key.pem"),
                cut.values());
        assertEquals(Optional.empty(), cut.get("MISSING"));
    }

    @Test
    void reportsAMalformedLineByNumberWithoutItsContent() {
        var e =
                assertThrows(
                        ConfigException.class,
                        () -> EnvFile.parse("A=1\nsecret-passphrase-without-key\n", "agent.env"));

        assertEquals("agent.env line 2 is not of the form KEY=VALUE", e.getMessage());
        assertFalse(e.getMessage().contains("secret"));
    }

    @Test
    void refusesValuesThatSpanLines() {
        assertThrows(
                IllegalArgumentException.class,
                () -> EnvFile.of(List.of(), Map.of("A", "one\nB=two")));
    }
}
