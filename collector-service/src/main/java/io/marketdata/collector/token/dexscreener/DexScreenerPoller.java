package io.marketdata.collector.token.dexscreener;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.publish.MarketDataPublisher;
import io.marketdata.collector.publish.OutboundMessage;
import io.marketdata.contracts.Json;
import io.marketdata.messaging.SchemaMigration;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.contracts.token.TokenMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Polls DexScreener for the tracked tokens and publishes {@code token.metrics} (SPEC §5).
 *
 * <ul>
 *   <li>Every {@code tick} (1 s) on its own thread: {@link PollPlanner} picks the due mints
 *       (refreshes, never-fetched, then most overdue; hot every {@code hot_interval_seconds}, cold
 *       every {@code cold_interval_seconds} of the followed pipeline settings), in requests of up to
 *       30 mints, sent while the {@link RequestWindow} ({@code requests-per-minute} in any 60 s) has
 *       room; the rest stay due for the next tick. It is never exceeded.</li>
 *   <li>429 pauses every request for Retry-After; 5xx, timeouts, transport errors and malformed
 *       bodies leave the mints due and back off 1 s, 2 s, 4 s, … up to {@code max-backoff}; another
 *       4xx drops the batch until its next turn. Nothing here blocks the exchange loops.</li>
 *   <li>Cache: the last metrics of every mint, {@code cache-ttl} (60 s). A refresh request for a
 *       mint fetched less than that ago is answered from it, without a request; scheduled fetches
 *       always ask DexScreener (the hot cadence is shorter than the TTL) and renew the cache.</li>
 *   <li>Every answer is stored raw ({@link RawResponses}) and deleted after {@code raw-retention}.</li>
 * </ul>
 */
@ApplicationScoped
public class DexScreenerPoller {

    private static final Logger LOG = Logger.getLogger(DexScreenerPoller.class);
    private static final long LOG_EVERY_MS = 10_000;

    @Inject
    SchemaMigration schema;
    @Inject
    CollectorConfig config;
    @Inject
    TrackedTokens tracked;
    @Inject
    TokenEventsListener listener;
    @Inject
    CollectorPipelineSettings pipeline;
    @Inject
    RawResponses raw;
    @Inject
    MarketDataPublisher publisher;
    @Inject
    MeterRegistry registry;

    private final Map<String, TokenMetrics> cache = new ConcurrentHashMap<>();
    /** One-off refreshes waiting for a request: mint → correlation id, in arrival order. */
    private final Map<String, String> refreshes = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Deque<Boolean> recentOutcomes = new ArrayDeque<>();
    private final AtomicInteger requestSeq = new AtomicInteger();
    private ScheduledExecutorService loop;
    private ScheduledExecutorService housekeeping;
    private DexScreenerClient client;
    private TokenMetricsBuilder builder;
    private PollPlanner planner;
    private RequestWindow window;
    private Timer latency;
    private Counter publishedFetched;
    private Counter publishedCache;
    private Counter cacheHits;
    private Counter rateLimitWaits;
    private Counter refreshesRefused;
    private Counter rawDeleted;
    private volatile boolean started;
    private volatile long pausedUntil;
    private volatile long backoffUntil;
    private volatile int consecutiveFailures;
    private volatile long lastSuccessAt;
    private volatile String lastError;
    private volatile int backlog;
    private long lastRawFailureLog;

    void onStart(@Observes @Priority(45) StartupEvent event) {
        CollectorConfig.DexScreener c = config.dexscreener();
        if (!c.enabled()) {
            LOG.info("DexScreener poller disabled (collector.dexscreener.enabled=false)");
            return;
        }
        client = new DexScreenerClient(c.restUrl(), c.connectTimeout(), c.requestTimeout());
        builder = new TokenMetricsBuilder(c.bondingCurveDexIds());
        planner = new PollPlanner(Math.min(30, Math.max(1, c.maxBatchSize())), c.batchFillAhead());
        window = new RequestWindow(c.requestsPerMinute(), Duration.ofMinutes(1), System::currentTimeMillis);
        registerMetrics();
        pipeline.start();
        loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "dexscreener"));
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "dexscreener-retention"));
        // first on the loop's single thread, so no tick runs before the tracked tokens are resumed
        loop.execute(() -> resume(Math.max(1_000, c.rawRetentionInterval().toMillis())));
        long tick = Math.max(50, c.tick().toMillis());
        loop.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        started = true;
        LOG.infof("DexScreener poller started (%s, %d requests/min, %d mints/request, bonding curves %s)", c.restUrl(),
                c.requestsPerMinute(), planner.maxBatch(), c.bondingCurveDexIds());
    }

    /**
     * Once the schema is migrated (a start while PostgreSQL is down waits here): loads the tracked tokens
     * and starts the raw-response retention.
     */
    private void resume(long retentionMillis) {
        try {
            schema.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            tracked.load();
        } catch (SQLException e) {
            // the consumer re-learns the set from the bus; nothing is lost but the resumption
            LOG.errorf("DexScreener: could not load the tracked tokens (%s); starting with none", e.getMessage());
        }
        housekeeping.scheduleWithFixedDelay(this::purgeRawResponses, 0, retentionMillis, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes @Priority(8) ShutdownEvent event) {
        if (!started) {
            return;
        }
        started = false;
        listener.stop();
        pipeline.stop();
        loop.shutdownNow();
        housekeeping.shutdownNow();
    }

    private void registerMetrics() {
        latency = Timer.builder("collector_dexscreener_request_seconds").description("DexScreener request latency")
                .publishPercentileHistogram().register(registry);
        publishedFetched = Counter.builder("collector_token_metrics_published_total").tag("source", "fetched")
                .description("token.metrics published").register(registry);
        publishedCache = Counter.builder("collector_token_metrics_published_total").tag("source", "cache")
                .description("token.metrics published").register(registry);
        cacheHits = Counter.builder("collector_dexscreener_cache_hits_total")
                .description("Refresh requests answered from the cache, without a request").register(registry);
        rateLimitWaits = Counter.builder("collector_dexscreener_rate_limit_waits_total")
                .description("Ticks on which due tokens waited because the request window was full").register(registry);
        refreshesRefused = Counter.builder("collector_dexscreener_refreshes_refused_total")
                .description("Refresh requests refused because max-pending-refreshes were waiting").register(registry);
        rawDeleted = Counter.builder("collector_dexscreener_raw_responses_deleted_total")
                .description("Raw responses deleted by the retention job").register(registry);
        for (String outcome : List.of("ok", "rate_limited", "server_error", "client_error", "timeout", "transport_error",
                "malformed")) {
            requests(outcome);
        }
        Gauge.builder("collector_dexscreener_tracked_tokens", this, p -> p.tracked.hot(p.pipeline.settings()))
                .tag("temperature", "hot").description("Tokens polled, by temperature").register(registry);
        Gauge.builder("collector_dexscreener_tracked_tokens", this, p -> p.tracked.cold(p.pipeline.settings()))
                .tag("temperature", "cold").description("Tokens polled, by temperature").register(registry);
        Gauge.builder("collector_dexscreener_due_tokens", this, p -> p.backlog)
                .description("Mints due but not requested on the last tick (rate window, pause or back-off)").register(registry);
        Gauge.builder("collector_dexscreener_window_requests", this, p -> p.window.used())
                .description("Requests sent in the last 60 s").register(registry);
        Gauge.builder("collector_dexscreener_paused", this, p -> p.pausedUntil > System.currentTimeMillis() ? 1 : 0)
                .description("1 while DexScreener's Retry-After pause lasts").register(registry);
        Gauge.builder("collector_dexscreener_cache_size", cache, Map::size).register(registry);
    }

    private Counter requests(String outcome) {
        return Counter.builder("collector_dexscreener_requests_total").tag("outcome", outcome)
                .description("DexScreener requests by outcome").register(registry);
    }

    // ---- token events ------------------------------------------------------------------

    /**
     * {@code token.refresh_requested}: answered from the cache when the mint was fetched less than
     * {@code cache-ttl} ago, otherwise queued for the next request the rate window allows.
     */
    public void refreshRequested(String mint, String correlationId) {
        long now = System.currentTimeMillis();
        TokenMetrics cached = cache.get(mint);
        String correlation = correlationId == null ? "refresh-" + mint : correlationId;
        if (cached != null && now - cached.fetchedAt() < config.dexscreener().cacheTtl().toMillis()) {
            cacheHits.increment();
            publish(withMigratedAt(cached), correlation, publishedCache);
            return;
        }
        synchronized (refreshes) {
            if (!refreshes.containsKey(mint) && refreshes.size() >= config.dexscreener().maxPendingRefreshes()) {
                refreshesRefused.increment();
                LOG.warnf("DexScreener: refresh of %s refused, %d refreshes already waiting", mint, refreshes.size());
                return;
            }
            refreshes.putIfAbsent(mint, correlation);
        }
    }

    private TokenMetrics withMigratedAt(TokenMetrics m) {
        if (m.migratedAt() != null) {
            return m;
        }
        Long at = tracked.get(m.mint()).map(TrackedToken::migratedAt).orElse(null);
        return at == null ? m : new TokenMetrics(m.mint(), m.fetchedAt(), m.priceUsd(), m.fdv(), m.pools(), m.windows(),
                m.dataQuality(), at);
    }

    // ---- the loop ----------------------------------------------------------------------

    void tick() {
        try {
            tickOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "DexScreener tick failed");
        }
    }

    private void tickOnce() throws InterruptedException {
        long now = System.currentTimeMillis();
        long ttl = config.dexscreener().cacheTtl().toMillis();
        cache.values().removeIf(m -> now - m.fetchedAt() >= ttl);
        PipelineSettings settings = pipeline.settings();
        List<String> waiting;
        synchronized (refreshes) {
            waiting = new ArrayList<>(refreshes.keySet());
        }
        List<List<String>> batches = planner.plan(tracked.polled(), waiting, now, settings);
        int remaining = batches.stream().mapToInt(List::size).sum();
        for (List<String> batch : batches) {
            long t = System.currentTimeMillis();
            if (t < pausedUntil || t < backoffUntil || !started) {
                break;
            }
            if (!window.tryAcquire()) {
                rateLimitWaits.increment();
                break;
            }
            fetch(batch);
            remaining -= batch.size();
        }
        backlog = remaining;
    }

    private void fetch(List<String> mints) throws InterruptedException {
        String correlation = "dexscreener-" + System.currentTimeMillis() + "-" + requestSeq.incrementAndGet();
        MDC.put("correlation_id", correlation);
        try {
            DexScreenerClient.Answer answer = client.fetch(mints);
            long fetchedAt = System.currentTimeMillis();
            latency.record(answer.durationNanos(), TimeUnit.NANOSECONDS);
            if (!answer.transportFailure()) {
                storeRaw(fetchedAt, answer, mints);
            }
            int status = answer.status();
            if (answer.transportFailure()) {
                failed(answer.failure().startsWith("timeout") ? "timeout" : "transport_error", answer.failure(), true);
            } else if (status == 429) {
                Duration pause = answer.retryAfter().orElse(config.dexscreener().defaultRetryAfter());
                pausedUntil = fetchedAt + pause.toMillis();
                failed("rate_limited", "HTTP 429, pausing every request for " + pause.toSeconds() + " s", false);
            } else if (status >= 500) {
                failed("server_error", "HTTP " + status, true);
            } else if (status >= 400) {
                // a request DexScreener refuses will not succeed on retry: these mints wait for their next turn
                failed("client_error", "HTTP " + status + " for " + mints.size() + " mints", false);
                tracked.markFetched(mints, fetchedAt);
                mints.forEach(refreshes::remove);
            } else {
                JsonNode body = parse(answer.body());
                if (body == null || !body.isArray()) {
                    failed("malformed", "HTTP " + status + " without a JSON array", true);
                } else {
                    succeeded(mints, body, fetchedAt, correlation);
                }
            }
        } finally {
            MDC.remove("correlation_id");
        }
    }

    private void succeeded(List<String> mints, JsonNode body, long fetchedAt, String correlation) {
        requests("ok").increment();
        consecutiveFailures = 0;
        backoffUntil = 0;
        lastSuccessAt = fetchedAt;
        remember(true);
        Map<String, Long> migratedAt = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String mint : mints) {
            Long at = tracked.get(mint).map(TrackedToken::migratedAt).orElse(null);
            if (at != null) {
                migratedAt.put(mint, at);
            } else {
                unknown.add(mint);
            }
        }
        if (!unknown.isEmpty()) {
            migratedAt.putAll(tracked.lookUpMigratedAt(unknown));
        }
        Map<String, TokenMetrics> metrics = builder.build(body, mints, fetchedAt, migratedAt::get);
        tracked.markFetched(mints, fetchedAt);
        for (TokenMetrics m : metrics.values()) {
            cache.put(m.mint(), m);
            String refreshCorrelation = refreshes.remove(m.mint());
            publish(m, refreshCorrelation != null ? refreshCorrelation : correlation, publishedFetched);
        }
    }

    private void failed(String outcome, String error, boolean backOff) {
        requests(outcome).increment();
        lastError = error;
        consecutiveFailures++;
        remember(false);
        long delay = 0;
        if (backOff) {
            delay = Math.min(config.dexscreener().maxBackoff().toMillis(), 1_000L << Math.min(consecutiveFailures - 1, 20));
            backoffUntil = System.currentTimeMillis() + delay;
        }
        LOG.warnf("DexScreener request failed (%s): %s%s", outcome, error, delay > 0 ? "; backing off " + delay + " ms" : "");
    }

    private void remember(boolean ok) {
        synchronized (recentOutcomes) {
            recentOutcomes.addLast(ok);
            while (recentOutcomes.size() > Math.max(1, config.dexscreener().unhealthyAfterFailures())) {
                recentOutcomes.pollFirst();
            }
        }
    }

    private void publish(TokenMetrics metrics, String correlationId, Counter counter) {
        publisher.enqueue(new OutboundMessage(Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_METRICS,
                MarketDataPublisher.properties(correlationId), Json.toBytes(metrics)));
        counter.increment();
    }

    private void storeRaw(long fetchedAt, DexScreenerClient.Answer answer, List<String> mints) {
        try {
            raw.store(fetchedAt, answer.path(), answer.status(), mints, TimeUnit.NANOSECONDS.toMillis(answer.durationNanos()),
                    answer.body());
        } catch (SQLException | RuntimeException e) {
            if (fetchedAt - lastRawFailureLog > LOG_EVERY_MS) {
                lastRawFailureLog = fetchedAt;
                LOG.warnf("DexScreener: raw response not stored (%s)", e.getMessage());
            }
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Deletes raw responses older than {@code raw-retention}; runs every {@code raw-retention-interval}. */
    void purgeRawResponses() {
        try {
            int deleted = raw.deleteOlderThan(System.currentTimeMillis() - config.dexscreener().rawRetention().toMillis());
            rawDeleted.increment(deleted);
            if (deleted > 0) {
                LOG.infof("DexScreener: deleted %d raw responses older than %s", deleted, config.dexscreener().rawRetention());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("DexScreener: raw response retention failed (%s)", e.getMessage());
        }
    }

    // ---- state for the health check and tests ----------------------------------------------

    public boolean enabled() {
        return config.dexscreener().enabled();
    }

    /** True when the last {@code unhealthy-after-failures} requests all failed. */
    public boolean failing() {
        int n = Math.max(1, config.dexscreener().unhealthyAfterFailures());
        synchronized (recentOutcomes) {
            return recentOutcomes.size() >= n && recentOutcomes.stream().noneMatch(Boolean::booleanValue);
        }
    }

    public long pausedUntil() {
        return pausedUntil;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public long lastSuccessAt() {
        return lastSuccessAt;
    }

    public String lastError() {
        return lastError;
    }

    public int backlog() {
        return backlog;
    }

    public int pendingRefreshes() {
        return refreshes.size();
    }

    public boolean consuming() {
        return listener.consuming();
    }

    public int requestsInWindow() {
        return window == null ? 0 : window.used();
    }

    /** The cached metrics of a mint, if still within the TTL. */
    public TokenMetrics cached(String mint) {
        return cache.get(mint);
    }

    Set<String> cachedMints() {
        return cache.keySet();
    }
}
