-- Every disable starts a new generation of an agent's access tokens; tokens carry the generation
-- they were issued in, so tokens from before a disable stay dead after the agent is enabled again.
ALTER TABLE agent ADD COLUMN token_generation INTEGER DEFAULT 0 NOT NULL;
