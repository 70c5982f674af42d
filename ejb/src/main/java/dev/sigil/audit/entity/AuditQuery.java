package dev.sigil.audit.entity;

/**
 * Filters for reading the log: by agent, by action, events before a sequence number, at most {@code
 * limit} of them. Null means "no filter".
 */
public record AuditQuery(String agentId, String action, Long before, int limit) {}
