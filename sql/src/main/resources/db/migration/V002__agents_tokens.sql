-- Agents, their keys and registration tokens; Sigil's token-signing keys; the replay store of
-- client-assertion ids. Forward-only; valid on H2 2.x and PostgreSQL 13+.

CREATE TABLE agent (
    id                        VARCHAR(36)   NOT NULL PRIMARY KEY,
    name                      VARCHAR(100)  NOT NULL,
    status                    VARCHAR(16)   NOT NULL,
    registration              VARCHAR(16)   NOT NULL,
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by                VARCHAR(100)  NOT NULL,
    registered_at             TIMESTAMP WITH TIME ZONE,
    -- The current key: SubjectPublicKeyInfo DER in base64.
    key_type                  VARCHAR(16),
    key_spki                  VARCHAR(4000),
    key_fingerprint           VARCHAR(100),
    key_thumbprint            VARCHAR(64),
    key_attached_at           TIMESTAMP WITH TIME ZONE,
    key_expires_at            TIMESTAMP WITH TIME ZONE,
    -- The key it replaced, accepted until previous_key_retires_at (rotation overlap).
    previous_key_type         VARCHAR(16),
    previous_key_spki         VARCHAR(4000),
    previous_key_thumbprint   VARCHAR(64),
    previous_key_retires_at   TIMESTAMP WITH TIME ZONE,
    -- A pending registration token, as a SHA-256 hash only.
    registration_token_hash   VARCHAR(64),
    registration_token_expires_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT agent_status_known CHECK (status IN ('pending', 'active', 'disabled')),
    CONSTRAINT agent_registration_known CHECK (registration IN ('agent', 'public-key')),
    CONSTRAINT agent_key_type_known CHECK (key_type IS NULL OR key_type IN ('ed25519', 'rsa'))
);

CREATE INDEX agent_registration_token ON agent (registration_token_hash);

CREATE TABLE signing_key (
    kid             VARCHAR(64)   NOT NULL PRIMARY KEY,
    alg             VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    retires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sealed_private  VARCHAR(8000) NOT NULL,
    CONSTRAINT signing_key_alg_known CHECK (alg IN ('EdDSA', 'RS256'))
);

-- A client assertion's jti is accepted once while the assertion could be valid; the primary key
-- makes that hold across nodes. Rows are removed after expires_at.
CREATE TABLE assertion_replay (
    id          VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX assertion_replay_expiry ON assertion_replay (expires_at);
