package io.marketdata.orderbook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every {@code orderbook.*} setting; documented in orderbook-service/README.md. */
@ConfigMapping(prefix = "orderbook")
public interface OrderbookConfig {

    Consumer consumer();

    Checkpoint checkpoint();

    Publish publish();

    History history();

    Cache cache();

    Validation validation();

    DeadLetter deadLetter();

    interface Consumer {
        /** Durable queue bound to {@code futures.#} and {@code spot.#} on {@code futures_data}. */
        @WithDefault("orderbook.market_data")
        String queue();

        /** Unacknowledged deliveries the broker may push ahead; must exceed checkpoint.max-messages. */
        @WithDefault("4000")
        int prefetch();

        /** Start consuming at start-up (tests of the HTTP API alone switch it off). */
        @WithDefault("true")
        boolean enabled();
    }

    interface Checkpoint {
        /** Longest time a handled message waits for its effect to be written and acknowledged. */
        @WithDefault("1s")
        Duration interval();

        /** A checkpoint is cut early once this many messages are waiting for it. */
        @WithDefault("2000")
        int maxMessages();

        /** Cap of the back-off between attempts while PostgreSQL is unavailable. */
        @WithDefault("10s")
        Duration maxRetryDelay();

        /** How long shutdown keeps trying to write the last checkpoint. */
        @WithDefault("20s")
        Duration shutdownTimeout();

        /** Longest wait for one checkpoint transaction (or roll-up) on the reactive client; then it is retried. */
        @WithDefault("30s")
        Duration writeTimeout();
    }

    interface Publish {
        /** Minimum time between two {@code depth.*} messages of one book (and between index updates). */
        @WithDefault("1s")
        Duration interval();

        /** A book whose last message is older than this is left out of the live indices. */
        @WithDefault("2m")
        Duration staleAfter();

        /** Levels per side kept for the book summary (API and hot cache). */
        @WithDefault("20")
        int topLevels();
    }

    interface History {
        /** A minute is closed this long after it ended on the wall clock even if no later message came. */
        @WithDefault("5s")
        Duration closeGrace();

        /** Minute points older than this are dropped (whole daily partitions); roll-ups are kept. */
        @WithDefault("60d")
        Duration retention();

        /** Period of the hourly/daily roll-up job. */
        @WithDefault("60s")
        Duration rollupInterval();

        /** Period of the retention and partition-maintenance job. */
        @WithDefault("1h")
        Duration maintenanceInterval();

        /** Longest range a history query may ask for. */
        @WithDefault("400d")
        Duration maxQueryRange();

        /** Most rows one query returns. */
        @WithDefault("100000")
        int maxRows();
    }

    /**
     * Plausibility bounds a book must meet before anything is summed or stored (issue 12): with them
     * every band, average and index stays finite, and no far-off timestamp opens a partition or
     * freezes a series.
     */
    interface Validation {
        /** Highest price accepted on a level, the ticker or the mark price (quote units). */
        @WithDefault("1e9")
        double maxPrice();

        /** Largest size accepted on a level (base units). */
        @WithDefault("1e12")
        double maxSize();

        /** Largest price × size of one level (quote units). */
        @WithDefault("1e15")
        double maxNotional();

        /** How far before the pipeline's clock a book's timestamps may be. */
        @WithDefault("24h")
        Duration maxAge();

        /** How far after the pipeline's clock a book's timestamps may be. */
        @WithDefault("5m")
        Duration maxFuture();
    }

    interface DeadLetter {
        /** A dead letter not confirmed by the broker within this time is taken as failed: its original is requeued. */
        @WithDefault("30s")
        Duration confirmTimeout();
    }

    interface Cache {
        /** Window of minute points kept in Redis sorted sets. */
        @WithDefault("2h")
        Duration recentWindow();

        /** Expiry of the latest-bands keys (a book that stops publishing disappears). */
        @WithDefault("10m")
        Duration latestTtl();

        /** Prefix of every Redis key (tests use their own). */
        @WithDefault("ob")
        String keyPrefix();
    }
}
