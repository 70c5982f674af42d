/**
 * Platform: what is truly cross-cutting.
 *
 * <p>Operations: the application's data source and schema migration at start, the data directory,
 * stable problem codes for every error the API can answer, and rate limits.
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li>R0.1 The schema is owned by {@code sql/} and migrated forward at start, before any other
 *       component touches the database; JPA never generates DDL.
 *   <li>R0.2 Without configuration Sigil keeps its state under {@code ./sigil-data} (H2 in file
 *       mode); {@code sigil.db.url} (environment {@code SIGIL_DB_URL}) selects PostgreSQL.
 *   <li>R0.3 Every business failure carries a {@link dev.sigil.platform.entity.ProblemCode}: a
 *       stable code, an HTTP status and a title. Codes are never renamed.
 *   <li>R0.4 A rate limiter that fails answers "denied", never "allowed".
 * </ul>
 *
 * <p>Decisions: the data source is an application-defined {@code @DataSourceDefinition} whose class
 * reads MicroProfile Config itself, because Payara resolves {@code ${MPCONFIG=...}} in annotations
 * before the application's own configuration is visible. Rate limits sit behind {@link
 * dev.sigil.platform.control.RateLimits}: {@code sigil.rate-limits.store} chooses this node's
 * Bucket4j buckets ({@code local}, one node) or the database's, shared by every node ({@code
 * database}), without touching callers.
 *
 * <p>May use: nothing else in Sigil.
 */
package dev.sigil.platform;
