package io.marketdata.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every {@code collector.*} setting; documented in collector-service/README.md. */
@ConfigMapping(prefix = "collector")
public interface CollectorConfig {

    /** Seconds between the starts of two collection cycles of one exchange. */
    @WithDefault("5")
    int intervalSeconds();

    /** The symbol set used on the very first start, before one is persisted. */
    List<String> symbols();

    Retry retry();

    Http http();

    Publisher publisher();

    /** How often each exchange's instrument list is re-read. */
    @WithDefault("10m")
    Duration instrumentRefresh();

    /** Period of the statistics summary in the log. */
    @WithDefault("60s")
    Duration statisticsInterval();

    /** How often the symbol set is re-read from PostgreSQL (picks up other replicas' changes). */
    @WithDefault("5s")
    Duration symbolRefresh();

    Map<String, Exchange> exchanges();

    LiveBooks liveBooks();

    PumpPortal pumpportal();

    DexScreener dexscreener();

    Settings settings();

    Control control();

    TokenOutbox tokenOutbox();

    TokenConsumers tokenConsumers();

    /** The control queue's memory bounds (input bounds are contracts' ControlRequest constants). */
    interface Control {
        /** Answers kept for redelivered requests, at most this many… */
        @WithDefault("1000")
        int answeredMaxEntries();

        /** …and at most this many bytes in total. */
        @WithDefault("1048576")
        long answeredMaxBytes();

        /** Responses not confirmed within this: the request is dead-lettered with the reason. */
        @WithDefault("10s")
        Duration confirmTimeout();
    }

    /** The token.created outbox relay. */
    interface TokenOutbox {
        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("100")
        int batchSize();

        /** A send not confirmed within this stays pending and is re-sent. */
        @WithDefault("30s")
        Duration confirmTimeout();

        /** Sent events are deleted after this. */
        @WithDefault("1d")
        Duration retention();

        /** At shutdown, how long pending events are flushed. */
        @WithDefault("10s")
        Duration drainTimeout();
    }

    /** The consumers' queues of token_events the collector declares at start (SPEC: start order loses nothing). */
    interface TokenConsumers {
        @WithDefault("lifecycle.token_events")
        String lifecycleQueue();

        @WithDefault("scoring.token_events")
        String scoringQueue();
    }

    interface Retry {
        /** Attempts per request, the first included. */
        @WithDefault("3")
        int attempts();

        /** Delay before the 2nd, 3rd, … attempt; the last value repeats. */
        @WithDefault("1s,2s,4s")
        List<Duration> delays();

        /** A Retry-After longer than this is not waited for inside a cycle: the cycle is skipped. */
        @WithDefault("10s")
        Duration maxRetryAfterWait();

        /** Pause after a 429/418 without Retry-After. */
        @WithDefault("30s")
        Duration defaultRetryAfter();
    }

    interface Http {
        @WithDefault("3s")
        Duration connectTimeout();

        @WithDefault("10s")
        Duration requestTimeout();
    }

    interface Publisher {
        /** Messages kept while RabbitMQ is unreachable; the oldest are dropped (and counted) beyond it. */
        @WithDefault("20000")
        int bufferCapacity();

        /** Messages published per confirm round-trip. */
        @WithDefault("200")
        int batchSize();

        @WithDefault("5s")
        Duration confirmTimeout();

        /** Cap of the reconnect back-off (1 s, 2 s, … up to this). */
        @WithDefault("5s")
        Duration maxReconnectDelay();

        /** How long shutdown waits for the buffer to drain. */
        @WithDefault("10s")
        Duration drainTimeout();
    }

    interface Exchange {
        @WithDefault("true")
        boolean enabled();

        /** REST base URL; the adapter appends the venue's API path. */
        String restUrl();

        Optional<String> wsUrl();

        /** Binance only: spot REST base URL; when set, spot books of the same bases are collected too. */
        Optional<String> spotRestUrl();

        Optional<String> spotWsUrl();

        /** Binance only: rate budget of the spot API (its own limit). */
        Optional<RateLimit> spotRateLimit();

        /** Parallel book requests within one cycle. */
        @WithDefault("4")
        int maxConcurrency();

        /** Upper bound of the book depth requested (the adapter rounds to what the endpoint accepts). */
        @WithDefault("1000")
        int maxDepth();

        RateLimit rateLimit();

        /** Optional API credentials (public data needs none); keep them in the secrets file. */
        Optional<String> apiKey();

        Optional<String> apiSecret();
    }

    /**
     * Local order books kept from the venues' diff-depth WebSocket streams (Binance USD-M and spot),
     * published every {@code publish-interval} instead of polling their books over REST.
     */
    interface LiveBooks {
        /** Off: every book is polled over REST, as for the other venues. */
        @WithDefault("true")
        boolean enabled();

        /** How often each synced book is published. */
        @WithDefault("1s")
        Duration publishInterval();

        /** Symbols (streams) per WebSocket connection; Binance allows up to 1024. */
        @WithDefault("50")
        int streamsPerConnection();

        /** Stream name suffix, {@code <symbol>@depth@<update-speed>}; {@code default} for plain {@code <symbol>@depth}. */
        @WithDefault("100ms")
        String updateSpeed();

        /** Levels of the REST snapshot a book starts from (rounded down to a limit the endpoint accepts). */
        @WithDefault("1000")
        int snapshotDepth();

        /** A connection without any frame for this long is considered dead and reconnected. */
        @WithDefault("10s")
        Duration watchdog();

        /** Cap of the reconnect and re-sync back-off (1 s, 2 s, 4 s, … up to this). */
        @WithDefault("30s")
        Duration maxReconnectDelay();

        /** Consecutive failed sync attempts after which a symbol counts as fallen back to REST polling. */
        @WithDefault("3")
        int maxSyncAttempts();
    }

    interface RateLimit {
        /** Request weight allowed per window (each request costs its endpoint's weight, 1 by default). */
        int capacity();

        Duration window();

        /** {@code exchange}: one budget for the venue; {@code endpoint}: one budget per endpoint path. */
        @WithDefault("exchange")
        Scope scope();

        /** Share of the published limit we allow ourselves, leaving room for other clients on the IP. */
        @WithDefault("0.8")
        double utilisation();
    }

    enum Scope {
        EXCHANGE, ENDPOINT
    }

    /** PumpPortal's data WebSocket: pump.fun migrations become {@code token.created}. */
    interface PumpPortal {
        @WithDefault("true")
        boolean enabled();

        /** The data API; the emulator serves it at {@code ws://localhost:8090/pumpportal/api/data}. */
        @WithDefault("wss://pumpportal.fun/api/data")
        String wsUrl();

        /** Cap of the reconnect back-off (1 s, 2 s, … up to this); PumpPortal bans IPs that reconnect too eagerly. */
        @WithDefault("60s")
        Duration maxReconnectDelay();

        @WithDefault("10s")
        Duration connectTimeout();
    }

    /**
     * DexScreener's token endpoints: the tracked tokens' pools, polled hot/cold, become
     * {@code token.metrics} (package {@code io.marketdata.collector.token.dexscreener}).
     */
    interface DexScreener {
        @WithDefault("true")
        boolean enabled();

        /** Base URL; the emulator serves it at {@code http://localhost:8090/dexscreener}. */
        @WithDefault("https://api.dexscreener.com")
        String restUrl();

        /** Durable queue of the token events that say what to poll (dead-letters to {@code <queue>.dlq}). */
        @WithDefault("collector.token_events")
        String queue();

        /** Requests allowed in any 60 s window; DexScreener publishes 300/min, we keep a margin. */
        @WithDefault("250")
        int requestsPerMinute();

        /** Mints per {@code /tokens/v1} request (DexScreener accepts at most 30). */
        @WithDefault("30")
        int maxBatchSize();

        /**
         * When a request goes out with free slots, tokens due within this share of their interval
         * ride along (never more than this early), so batches fill up instead of one request per tick.
         */
        @WithDefault("0.2")
        double batchFillAhead();

        /** dexIds of bonding curves: listed as pools with {@code tradeable=false}, left out of the windows. */
        @WithDefault("pumpfun,launchlab")
        List<String> bondingCurveDexIds();

        /** A refresh request for a mint fetched less than this ago is answered from the cache. */
        @WithDefault("60s")
        Duration cacheTtl();

        /** Raw response bodies are kept this long. */
        @WithDefault("7d")
        Duration rawRetention();

        /** How often responses older than {@code raw-retention} are deleted. */
        @WithDefault("1h")
        Duration rawRetentionInterval();

        /** How often the scheduler looks for due tokens. */
        @WithDefault("1s")
        Duration tick();

        @WithDefault("10s")
        Duration requestTimeout();

        @WithDefault("5s")
        Duration connectTimeout();

        /** Pause after a 429 without a usable Retry-After. */
        @WithDefault("60s")
        Duration defaultRetryAfter();

        /** Cap of the back-off after failed requests (1 s, 2 s, 4 s, … up to this). */
        @WithDefault("60s")
        Duration maxBackoff();

        /** The health check calls the feed degraded when this many requests in a row failed. */
        @WithDefault("5")
        int unhealthyAfterFailures();

        /** At most this many one-off refreshes wait at once; more are refused (logged and counted). */
        @WithDefault("10000")
        int maxPendingRefreshes();
    }

    /** Where the pipeline settings (hot/cold cadence) come from. */
    interface Settings {
        /** The owner's settings resource (scoring-service); until it answers, the defaults apply. */
        @WithDefault("http://localhost:8084/api/settings")
        String ownerUrl();
    }
}
