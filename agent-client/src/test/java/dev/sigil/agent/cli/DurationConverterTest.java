package dev.sigil.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurationConverterTest {

    DurationConverter cut = new DurationConverter();

    @Test
    void formatsInTheLargestWholeUnit() {
        assertEquals("1h", DurationConverter.format(Duration.ofHours(1)));
        assertEquals("1d", DurationConverter.format(Duration.ofHours(24)));
        assertEquals("56h", DurationConverter.format(Duration.ofHours(56)));
        assertEquals("90m", DurationConverter.format(Duration.ofMinutes(90)));
        assertEquals("61s", DurationConverter.format(Duration.ofSeconds(61)));
        assertEquals("PT0.5S", DurationConverter.format(Duration.ofMillis(500)));
    }

    @Test
    void readsWhatItFormats() {
        for (String text : List.of("14d", "1h", "15m", "90s", "PT0.5S", "PT1H0.25S")) {
            assertEquals(text, DurationConverter.format(cut.convert(text)), text);
        }
    }
}
