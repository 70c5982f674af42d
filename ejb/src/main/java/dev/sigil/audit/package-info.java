/**
 * Audit: an append-only, tamper-evident log of everything security-relevant.
 *
 * <p>Operations: record an event (inside the caller's transaction, or independently of it for
 * denials and failures that roll the caller back), append a batch of events over a JDBC connection
 * whose transaction the caller owns ({@code AuditAppender}, for group commits on a hot path), query
 * events newest first, verify the chain.
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li>R1.1 Every event carries {@code hash = SHA-256(prevHash + canonical(event))}, where {@code
 *       prevHash} is the previous event's hash (64 zeros before the first event).
 *   <li>R1.2 Appends are serialized by a lock on the single {@code audit_head} row, so the chain
 *       never forks under concurrency, also with several nodes on one database.
 *   <li>R1.3 Verification names the first sequence number whose row was edited, removed or
 *       re-linked.
 *   <li>R1.4 No secret (key, token, password) is ever written into any field.
 * </ul>
 *
 * <p>Canonical encoding (decision: length-prefixed fields need no JSON library and cannot be made
 * ambiguous by a value that contains a separator): for the fields seq, at (epoch milliseconds),
 * actorType, actorId, agentId, action, target, result, detail in that order, each field as {@code
 * <length of its UTF-8 bytes>:<value>;}, and a missing value as {@code -;}.
 *
 * <p>Decision: two write paths, one chain. {@code AuditLog} appends through the entity manager
 * inside container transactions; {@code AuditAppender} writes the same rows with plain JDBC, one
 * head lock and one JDBC batch for many events, because on the token endpoint the entity manager's
 * per-statement work cost more than the statements (measured: the JPA append and its JTA commit
 * were about a fifth of the server's CPU per token). Both build the row from {@code AuditEvent} and
 * hash it with {@code AuditChain}, and both are checked by the same verification.
 *
 * <p>May use: platform.
 */
package dev.sigil.audit;
