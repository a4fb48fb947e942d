-- The symbol set shared by every collector replica (SPEC §4.2): changed by control commands,
-- re-read by every replica, so a change survives restarts and reaches all of them.
CREATE TABLE IF NOT EXISTS collector.symbols (
    symbol   text        PRIMARY KEY,
    position bigint      GENERATED ALWAYS AS IDENTITY,
    added_at timestamptz NOT NULL DEFAULT now()
);

-- Small key/value state; 'symbols_initialised' marks that the configured seed list was applied
-- once, so an operator who empties the set does not get the seed back on restart.
CREATE TABLE IF NOT EXISTS collector.state (
    key        text        PRIMARY KEY,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
