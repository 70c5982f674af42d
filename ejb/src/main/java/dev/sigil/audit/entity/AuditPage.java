package dev.sigil.audit.entity;

import java.util.List;

/** One page of events, newest first, and how many events match the filters in all. */
public record AuditPage(List<AuditEvent> events, long total, int limit) {}
