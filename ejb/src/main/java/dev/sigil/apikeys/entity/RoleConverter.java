package dev.sigil.apikeys.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link Role} by its wire name ({@code admin}, {@code viewer}), as the schema checks. */
@Converter
public class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.wire();
    }

    @Override
    public Role convertToEntityAttribute(String value) {
        return value == null
                ? null
                : Role.fromWire(value)
                        .orElseThrow(() -> new IllegalStateException("Unknown role " + value));
    }
}
