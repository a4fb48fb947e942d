-- orderbook-service history (SPEC §6.3). Schema 'orderbook', created by Flyway.

-- One row per stored series: a book (exchange, market, routing symbol) or an index (exchange 'index').
CREATE TABLE series (
    id        serial PRIMARY KEY,
    exchange  text NOT NULL,
    market    text NOT NULL,
    symbol    text NOT NULL,
    unified   text NOT NULL,
    UNIQUE (exchange, market, symbol)
);

-- One row per series and minute, the six depths as columns (not one row per depth): the row
-- header is paid once per minute instead of six times. real (float4, ~7 significant digits) is
-- plenty for liquidity charts and halves the size of double precision.
-- ts first so the 8-byte column needs no padding. Partitioned by day (UTC); partitions are created
-- on demand by the writer and dropped whole by the retention job.
CREATE TABLE minute_bands (
    ts        timestamptz NOT NULL,
    series_id integer NOT NULL,
    samples   smallint NOT NULL,
    mid       real NOT NULL,
    bid_qty_1_5 real NOT NULL,
    bid_qty_3 real NOT NULL,
    bid_qty_5 real NOT NULL,
    bid_qty_8 real NOT NULL,
    bid_qty_15 real NOT NULL,
    bid_qty_30 real NOT NULL,
    ask_qty_1_5 real NOT NULL,
    ask_qty_3 real NOT NULL,
    ask_qty_5 real NOT NULL,
    ask_qty_8 real NOT NULL,
    ask_qty_15 real NOT NULL,
    ask_qty_30 real NOT NULL,
    bid_usd_1_5 real NOT NULL,
    bid_usd_3 real NOT NULL,
    bid_usd_5 real NOT NULL,
    bid_usd_8 real NOT NULL,
    bid_usd_15 real NOT NULL,
    bid_usd_30 real NOT NULL,
    ask_usd_1_5 real NOT NULL,
    ask_usd_3 real NOT NULL,
    ask_usd_5 real NOT NULL,
    ask_usd_8 real NOT NULL,
    ask_usd_15 real NOT NULL,
    ask_usd_30 real NOT NULL,
    avg_bid_usd_1_5 real NOT NULL,
    avg_bid_usd_3 real NOT NULL,
    avg_bid_usd_5 real NOT NULL,
    avg_bid_usd_8 real NOT NULL,
    avg_bid_usd_15 real NOT NULL,
    avg_bid_usd_30 real NOT NULL,
    avg_ask_usd_1_5 real NOT NULL,
    avg_ask_usd_3 real NOT NULL,
    avg_ask_usd_5 real NOT NULL,
    avg_ask_usd_8 real NOT NULL,
    avg_ask_usd_15 real NOT NULL,
    avg_ask_usd_30 real NOT NULL,
    PRIMARY KEY (series_id, ts)
) PARTITION BY RANGE (ts);

-- The minute each series is in, checkpointed with the acknowledgements, so a restart continues it.
CREATE TABLE open_minutes (
    exchange   text NOT NULL,
    market     text NOT NULL,
    symbol     text NOT NULL,
    state      jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (exchange, market, symbol)
);

-- Roll-ups of the minute closes, one row per series, bucket and depth; kept beyond the retention.
CREATE TABLE rollup_1h (
    series_id       integer NOT NULL,
    bucket          timestamptz NOT NULL,
    depth           real NOT NULL,
    avg_bid_usd     double precision NOT NULL,
    min_bid_usd     double precision NOT NULL,
    max_bid_usd     double precision NOT NULL,
    avg_ask_usd     double precision NOT NULL,
    min_ask_usd     double precision NOT NULL,
    max_ask_usd     double precision NOT NULL,
    avg_bid_volume  double precision NOT NULL,
    avg_ask_volume  double precision NOT NULL,
    samples         integer NOT NULL,
    PRIMARY KEY (series_id, bucket, depth)
);

CREATE TABLE rollup_1d (LIKE rollup_1h INCLUDING ALL);
