package dev.sigil.platform.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Stores {@link Instant} in {@code TIMESTAMP WITH TIME ZONE} columns as UTC. Needed because the
 * EclipseLink that Payara ships serializes {@code Instant} as bytes instead of mapping it.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, OffsetDateTime> {

    /**
     * {@code time} as these columns keep it, to the microsecond (H2 and PostgreSQL alike): an
     * entity that holds this shows, before it is stored, the time every later read shows.
     */
    public static Instant stored(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public OffsetDateTime convertToDatabaseColumn(Instant value) {
        return value == null ? null : value.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Instant convertToEntityAttribute(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
