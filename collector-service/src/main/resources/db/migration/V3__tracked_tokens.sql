-- The tokens the DexScreener poller follows, learnt from the bus (token.status_changed,
-- score.updated), so a restart resumes polling where it stopped. Only 'monitoring' and 'active'
-- rows are polled; 'archived' rows stay so that an older, late status message cannot revive them.
-- status is NULL for a mint known only from a score.
CREATE TABLE tracked_tokens (
    mint              text PRIMARY KEY,
    status            text CHECK (status IN ('monitoring', 'active', 'archived')),
    -- changed_at / scored_at of the message applied last: an older message changes nothing
    status_changed_at timestamptz,
    smoothed_score    double precision,
    scored_at         timestamptz,
    -- token.created.migrated_at when this collector saw the migration (collector.migrated_tokens)
    migrated_at       timestamptz,
    tracked_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    last_fetched_at   timestamptz
);

CREATE INDEX tracked_tokens_polled ON tracked_tokens (mint) WHERE status IN ('monitoring', 'active');
