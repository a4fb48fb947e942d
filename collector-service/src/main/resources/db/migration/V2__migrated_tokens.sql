-- Mints already announced as token.created: PumpPortal's feed can repeat a migration (and a
-- restart reconnects), and every replica shares this table, so each mint is published once.
CREATE TABLE migrated_tokens (
    mint        text PRIMARY KEY,
    signature   text NOT NULL,
    venue       text NOT NULL,
    migrated_at timestamptz NOT NULL
);
