package dev.sigil.apikeys.entity;

/** A key just created: its record and, this once, its secret. */
public record IssuedApiKey(ApiKey key, ApiKeySecret secret) {}
