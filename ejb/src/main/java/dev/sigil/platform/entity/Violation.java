package dev.sigil.platform.entity;

/**
 * One reason a request is not valid: the field (a JSON property path) and what is wrong with it.
 */
public record Violation(String field, String message) {}
