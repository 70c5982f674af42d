package dev.sigil.audit.entity;

import java.util.Locale;

/** The outcome of an audited action. */
public enum AuditResult {
    ALLOWED,
    DENIED,
    FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
