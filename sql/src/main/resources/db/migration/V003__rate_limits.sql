-- Rate-limit buckets shared by all nodes (sigil.rate-limits.store=database): Bucket4j's state per
-- key, locked with SELECT ... FOR UPDATE while a node takes a permit. Rows past expires_at (epoch
-- milliseconds) are full buckets and are removed.
CREATE TABLE rate_limit_bucket (
    id          VARCHAR(200) NOT NULL PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT       NOT NULL
);

CREATE INDEX rate_limit_bucket_expiry ON rate_limit_bucket (expires_at);
