package dev.sigil.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotationScheduleTest {

    RotationSchedule cut = new RotationSchedule(Duration.ofDays(14));

    @Test
    void aKeyOfUnknownLifetimeIsDueRotateBeforeItsExpiry() {
        assertEquals(Duration.ofDays(14), cut.lead(Optional.empty()));
        assertEquals(
                Instant.parse("2027-02-17T10:00:00Z"),
                cut.dueAt(Instant.parse("2027-03-03T10:00:00Z"), Optional.empty()));
    }

    @Test
    void aKeyThatLivesLongerThanRotateBeforeIsDueRotateBeforeItsExpiry() {
        assertEquals(Duration.ofDays(14), cut.lead(Optional.of(Duration.ofDays(90))));
        assertEquals(
                Duration.ofDays(14), cut.lead(Optional.of(Duration.ofDays(14).plusSeconds(1))));
    }

    @Test
    void aKeyThatLivesNoLongerThanRotateBeforeIsDueWhenAThirdOfItsLifeIsLeft() {
        assertEquals(Duration.ofHours(56), cut.lead(Optional.of(Duration.ofDays(7))));
        assertEquals(Duration.ofHours(112), cut.lead(Optional.of(Duration.ofDays(14))));
        assertEquals(
                Instant.parse("2027-03-01T02:00:00Z"),
                cut.dueAt(Instant.parse("2027-03-03T10:00:00Z"), Optional.of(Duration.ofDays(7))));
    }
}
