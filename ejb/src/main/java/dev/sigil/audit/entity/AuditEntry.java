package dev.sigil.audit.entity;

import java.util.Objects;

/**
 * What a component asks the audit log to record. {@code detail} is free text for people and must
 * never hold a secret.
 */
public record AuditEntry(
        Actor actor,
        String agentId,
        String action,
        String target,
        AuditResult result,
        String detail) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        target = target == null ? "" : target;
        detail = detail == null ? "" : detail;
    }

    public static AuditEntry allowed(Actor actor, String action, String target, String detail) {
        return new AuditEntry(actor, null, action, target, AuditResult.ALLOWED, detail);
    }

    public static AuditEntry denied(Actor actor, String action, String target, String detail) {
        return new AuditEntry(actor, null, action, target, AuditResult.DENIED, detail);
    }

    public AuditEntry forAgent(String id) {
        return new AuditEntry(actor, id, action, target, result, detail);
    }
}
