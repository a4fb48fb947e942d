-- token.created must not be lost: the migrated mint and its event are written in one transaction,
-- and a relay sends pending events with publisher confirms, marking them sent only on the confirm.
-- message_id is stable per event, so a re-send after a failure is deduplicated by consumers.
CREATE TABLE token_outbox (
    id          bigserial PRIMARY KEY,
    message_id  text NOT NULL UNIQUE,
    routing_key text NOT NULL,
    mint        text NOT NULL,
    body        bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    attempts    integer NOT NULL DEFAULT 0,
    last_error  text,
    sent_at     timestamptz
);
CREATE INDEX token_outbox_pending ON token_outbox (id) WHERE sent_at IS NULL;

-- A mint counts as announced once the broker confirmed its token.created. Rows from before this
-- version were published by the old at-most-once path; they are taken as announced.
ALTER TABLE migrated_tokens ADD COLUMN announced_at timestamptz;
UPDATE migrated_tokens SET announced_at = migrated_at;
