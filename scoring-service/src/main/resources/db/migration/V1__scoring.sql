-- scoring-service (SPEC §8, §9.4). Schema 'scoring', created by Flyway.

-- Every version of the token pipeline's settings; this service owns them. Version 1 is the
-- defaults (inserted at start, ON CONFLICT DO NOTHING, so two replicas cannot race). A change is
-- version n+1, written under a table lock together with its settings.updated outbox row.
CREATE TABLE settings_versions (
    version      bigint PRIMARY KEY CHECK (version >= 1),
    settings     jsonb NOT NULL,
    updated_at   timestamptz NOT NULL,
    -- when settings.updated was queued on the outbox (same transaction); the relay publishes it
    published_at timestamptz
);

-- The latest token.metrics snapshot of every token and its lifecycle status
-- (from token.status_changed). A row is also the per-token lock of a scoring round.
CREATE TABLE token_inputs (
    mint              text PRIMARY KEY,
    metrics           jsonb,
    fetched_at        timestamptz,
    migrated_at       timestamptz,
    status            text,
    status_changed_at timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX token_inputs_updated_at ON token_inputs (updated_at);

-- Score history: one row per round (kept scoring.history.retention, 30 days by default).
-- source: 'metrics' (a token.metrics snapshot), 'unreadable' (a schema-violating snapshot of a
-- known token: critical fallback), 'recalculate' (POST /api/admin/recalculate).
CREATE TABLE scores (
    id                  bigserial PRIMARY KEY,
    mint                text NOT NULL,
    model               text NOT NULL,
    scored_at           timestamptz NOT NULL,
    score               double precision NOT NULL,
    smoothed_score      double precision NOT NULL,
    raw_components      jsonb NOT NULL,
    smoothed_components jsonb NOT NULL,
    data_quality        text NOT NULL,
    issues              jsonb NOT NULL,
    metrics_used        jsonb NOT NULL,
    fetched_at          timestamptz,
    source              text NOT NULL
);
-- Idempotency: a redelivered snapshot (same mint, fetched_at) is scored once per model.
CREATE UNIQUE INDEX scores_round ON scores (mint, model, source, fetched_at)
    WHERE source IN ('metrics', 'unreadable');
-- History of one token (sparklines) and the last 10 scores of a state rebuild.
CREATE INDEX scores_mint_model_time ON scores (mint, model, scored_at);
-- Retention.
CREATE INDEX scores_scored_at ON scores (scored_at);

-- The latest round per (mint, model): the state check of every round, and the leaderboard.
CREATE TABLE latest_scores (
    mint           text NOT NULL,
    model          text NOT NULL,
    score_id       bigint NOT NULL,
    scored_at      timestamptz NOT NULL,
    smoothed_score double precision NOT NULL,
    PRIMARY KEY (mint, model)
);
CREATE INDEX latest_scores_rank ON latest_scores (model, smoothed_score DESC);

-- Transactional outbox (io.marketdata.contracts.amqp.Outbox.ddl): score.updated, settings.updated.
CREATE TABLE IF NOT EXISTS outbox (
    id             bigserial PRIMARY KEY,
    exchange       text NOT NULL,
    routing_key    text NOT NULL,
    body           bytea NOT NULL,
    correlation_id text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
