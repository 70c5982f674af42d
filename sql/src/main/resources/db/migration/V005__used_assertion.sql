-- Client assertions already used, by a 64-bit id: the first 64 bits of SHA-256 over agent id, ':'
-- and jti. This replaces assertion_replay (a VARCHAR(64) key and an index on expires_at) because
-- its upkeep was most of a token's database work: on H2 a BIGINT primary key is the table's own
-- row key, so recording an id writes one tree instead of three. Two assertions whose ids share 64
-- bits make the later one look replayed: it is refused, never admitted.
--
-- No index on expires_at: each node's purge deletes expired rows once a minute with one scan,
-- which costs less than keeping an index on every insert. With about a million live ids on H2, an
-- id's insert plus its purge measured 45 us of CPU against 183 us for assertion_replay
-- (bench: dev.sigil.bench.ReplayStoreCost, docs/benchmarks.md).
--
-- V006 (Java, dev.sigil.tokens.control.UsedAssertionCopy) copies the still-valid ids of
-- assertion_replay; V007 drops that table. Stop every node of an earlier version before the
-- first node of this version starts: an earlier node would go on writing assertion_replay.
CREATE TABLE used_assertion (
    id          BIGINT                   NOT NULL PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
