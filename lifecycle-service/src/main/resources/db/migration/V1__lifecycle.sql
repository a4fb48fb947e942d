-- lifecycle-service (SPEC §7). Schema 'lifecycle', created and migrated by Flyway at start.
-- Times are timestamptz (millisecond precision in practice); the API and the bus use epoch ms.

-- One row per migrated token: its state, the latest metrics and score it was judged on.
CREATE TABLE tokens (
    mint                text PRIMARY KEY,
    name                text,
    symbol              text,
    signature           text NOT NULL,
    venue               text NOT NULL,
    migrated_at         timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,           -- when this service recorded it (its clock)
    updated_at          timestamptz NOT NULL,           -- last change of any column below
    status              text NOT NULL CHECK (status IN ('monitoring', 'active', 'archived')),
    status_since        timestamptz NOT NULL,           -- last transition; the archive clock of 'monitoring'
    activated_at        timestamptz,                    -- last monitoring → active
    archived_at         timestamptz,
    -- latest token.metrics
    metrics_at          timestamptz,                    -- fetched_at of the latest applied snapshot
    h1_tx_count         bigint,                         -- h1 buys + sells (summed over tradeable pools by the collector)
    h1_volume_usd       double precision,
    liquidity_usd       double precision,               -- sum of the tradeable pools' liquidity
    price_usd           double precision,
    fdv                 double precision,
    low_activity_checks integer NOT NULL DEFAULT 0,     -- consecutive snapshots with h1 tx < min_tx_count while active
    -- latest score.updated
    score_model         text,
    score               double precision,
    smoothed_score      double precision,
    scored_at           timestamptz,
    low_score_since     timestamptz                     -- first scored_at of the current run below min_score while active
);

CREATE INDEX tokens_status_score ON tokens (status, smoothed_score DESC NULLS LAST);
CREATE INDEX tokens_score ON tokens (smoothed_score DESC NULLS LAST);
CREATE INDEX tokens_created ON tokens (created_at);
CREATE INDEX tokens_updated ON tokens (updated_at);
-- the periodic check's two questions
CREATE INDEX tokens_monitoring_since ON tokens (status_since) WHERE status = 'monitoring';
CREATE INDEX tokens_low_score_since ON tokens (low_score_since) WHERE status = 'active' AND low_score_since IS NOT NULL;

-- DEX pools per token, as last seen in token.metrics.
CREATE TABLE pools (
    mint          text NOT NULL REFERENCES tokens (mint) ON DELETE CASCADE,
    address       text NOT NULL,
    dex           text NOT NULL,
    labels        text[] NOT NULL DEFAULT '{}',
    liquidity_usd double precision,
    quote_symbol  text,
    quote_address text,
    price_usd     double precision,
    tradeable     boolean NOT NULL,                     -- false for bonding curves
    active        boolean NOT NULL,                     -- present in the latest snapshot
    first_seen    timestamptz NOT NULL,                 -- fetched_at of the first snapshot with it
    last_seen     timestamptz NOT NULL,                 -- fetched_at of the latest snapshot with it
    PRIMARY KEY (mint, address)
);

-- Every transition, kept forever (seed "ToTheMoon2" §5: for analytics).
CREATE TABLE status_history (
    id         bigserial PRIMARY KEY,
    mint       text NOT NULL REFERENCES tokens (mint) ON DELETE CASCADE,
    old_status text CHECK (old_status IN ('monitoring', 'active', 'archived')),
    new_status text NOT NULL CHECK (new_status IN ('monitoring', 'active', 'archived')),
    reason     text NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE INDEX status_history_mint ON status_history (mint, changed_at DESC, id DESC);
CREATE INDEX status_history_changed ON status_history (changed_at);

-- Transactional outbox of io.marketdata.contracts.amqp.Outbox: Outbox.ddl("lifecycle.outbox").
CREATE TABLE IF NOT EXISTS outbox (
    id             bigserial PRIMARY KEY,
    exchange       text NOT NULL,
    routing_key    text NOT NULL,
    body           bytea NOT NULL,
    correlation_id text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
