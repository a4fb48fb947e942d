-- Every DexScreener response as received (SPEC §5: raw responses kept 7 days), for audits and for
-- replaying the metrics computation. The body is gzip-compressed; mints are the ones requested.
CREATE TABLE dexscreener_responses (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fetched_at  timestamptz NOT NULL,
    path        text        NOT NULL,
    status      integer     NOT NULL,
    mints       text[]      NOT NULL,
    duration_ms integer     NOT NULL,
    body_bytes  integer     NOT NULL,
    body_gzip   bytea       NOT NULL
);

-- the retention job deletes by age
CREATE INDEX dexscreener_responses_fetched_at ON dexscreener_responses (fetched_at);
