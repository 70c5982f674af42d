package dev.sigil.agents.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.platform.control.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a rotated-out key keeps working, from what the agent asks and the server's maximum. */
class RotationOverlapTest {

    static final Duration MAXIMUM = Duration.ofHours(24);

    @Test
    void anAgentThatAsksNothingGetsTheMaximum() {
        assertEquals(MAXIMUM, AgentRegistry.overlap(null, MAXIMUM));
        assertEquals(MAXIMUM, AgentRegistry.overlap(" ", MAXIMUM));
    }

    @Test
    void anAgentGetsAShorterOverlapWhenItAsks() {
        assertEquals(Duration.ofHours(2), AgentRegistry.overlap("PT2H", MAXIMUM));
        assertEquals(Duration.ZERO, AgentRegistry.overlap("PT0S", MAXIMUM), "retire it now");
    }

    @Test
    void aLongerRequestIsCappedAtTheMaximum() {
        assertEquals(MAXIMUM, AgentRegistry.overlap("P30D", MAXIMUM));
    }

    @Test
    void rejectsWhatIsNoDurationOrNegative() {
        for (String bad : new String[] {"soon", "24h", "-PT1H", "PT", "P1Y"}) {
            ValidationException e =
                    assertThrows(
                            ValidationException.class,
                            () -> AgentRegistry.overlap(bad, MAXIMUM),
                            bad);
            assertEquals("overlap", e.violations().get(0).field(), bad);
            assertTrue(e.violations().get(0).message().contains("PT24H"), bad);
        }
    }
}
