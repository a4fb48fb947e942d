package io.marketdata.collector.exchange.binance.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.exchange.AdapterSupport;
import io.marketdata.collector.exchange.ExchangeException;
import io.marketdata.collector.exchange.Instrument;
import io.marketdata.collector.exchange.LiveBooks;
import io.marketdata.collector.exchange.MarketStats;
import io.marketdata.collector.exchange.Snapshots;
import io.marketdata.collector.exchange.binance.BinanceParser;
import io.marketdata.collector.exchange.binance.live.BookSync.Outcome;
import io.marketdata.collector.http.RestClient;
import io.marketdata.collector.publish.MarketDataPublisher;
import io.marketdata.collector.stats.LoopStatistics;
import io.marketdata.contracts.market.MarketDataMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The live books of one Binance market (USD-M futures or spot). It follows the instruments its
 * REST loop collects, spreads their diff-depth streams over connections of
 * {@code streams-per-connection}, syncs each book from a REST snapshot (through the loop's
 * {@link RestClient}, so the venue's weight budget and metrics apply), and every
 * {@code publish-interval} publishes each synced book merged with the loop's latest bulk
 * ticker/funding data. A book that is not synced is left to the loop's REST polling.
 */
public final class LiveBookFeed implements LiveBooks, StreamConnection.Listener {

    private static final Logger LOG = Logger.getLogger(LiveBookFeed.class);
    /** Events kept per symbol while its snapshot is fetched (over 15 minutes of a 100 ms stream). */
    private static final int MAX_BUFFERED_EVENTS = 10_000;
    private static final long BAD_FRAME_LOG_INTERVAL_MS = 10_000;
    private static final int MAX_STREAMS_PER_CONNECTION = 1024;

    private final BinanceMarket market;
    private final String name;
    private final String wsUrl;
    private final CollectorConfig.LiveBooks settings;
    private final int maxDepth;
    private final int streamsPerConnection;
    private final Duration connectTimeout;
    private final RestClient http;
    private final MarketDataPublisher publisher;
    private final LoopStatistics loopStats;
    private final LiveBookMetrics metrics;
    private final ExecutorService socketThreads;
    private final HttpClient wsClient;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService snapshots;
    private final Map<String, LiveBook> books = new ConcurrentHashMap<>();
    private final List<StreamConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private volatile Map<String, MarketStats> stats = Map.of();
    private volatile long lastEventAt;
    private volatile long badFrameLoggedAt;
    private volatile boolean stopped;

    public LiveBookFeed(BinanceMarket market, String wsUrl, CollectorConfig.LiveBooks settings, int maxDepth,
            Duration connectTimeout, RestClient http, MarketDataPublisher publisher, LoopStatistics loopStats,
            MeterRegistry registry) {
        this.market = market;
        this.name = market.loopName();
        this.wsUrl = wsUrl;
        this.settings = settings;
        this.maxDepth = maxDepth;
        this.streamsPerConnection = Math.min(MAX_STREAMS_PER_CONNECTION, Math.max(1, settings.streamsPerConnection()));
        this.connectTimeout = connectTimeout;
        this.http = http;
        this.publisher = publisher;
        this.loopStats = loopStats;
        this.metrics = new LiveBookMetrics(name, registry);
        this.socketThreads = Executors.newCachedThreadPool(threads("ws"));
        this.wsClient = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(socketThreads).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("live-books"));
        // snapshots block on the rate budget and retries: their own threads, so publishing never waits
        this.snapshots = Executors.newScheduledThreadPool(2, threads("snapshots"));
        metrics.gauges(this, f -> f.count(LiveBook.State.SYNCED), f -> f.count(LiveBook.State.SYNCING),
                f -> f.count(LiveBook.State.FALLBACK), f -> f.openConnections(), LiveBookFeed::lastEventAgeSeconds);
        long publishMillis = Math.max(100, settings.publishInterval().toMillis());
        scheduler.scheduleAtFixedRate(this::publishAll, publishMillis, publishMillis, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::checkWatchdogs, 1, 1, TimeUnit.SECONDS);
    }

    public String name() {
        return name;
    }

    // ---- LiveBooks: what the REST loop asks and tells ---------------------------------------------

    @Override
    public synchronized void follow(List<Instrument> wanted) {
        if (stopped) {
            return;
        }
        Map<String, Instrument> byId = new LinkedHashMap<>();
        wanted.forEach(instrument -> byId.put(instrument.nativeId(), instrument));
        Map<StreamConnection, List<String>> removals = new HashMap<>();
        for (Iterator<LiveBook> it = books.values().iterator(); it.hasNext();) {
            LiveBook book = it.next();
            Instrument current = byId.get(book.nativeId());
            if (current == null) {
                it.remove();
                removals.computeIfAbsent(book.connection(), c -> new ArrayList<>()).add(stream(book.nativeId()));
            } else {
                book.instrument(current);
            }
        }
        removals.forEach(StreamConnection::remove);
        connections.removeIf(c -> c.streamCount() == 0);

        Map<StreamConnection, List<String>> additions = new LinkedHashMap<>();
        for (Instrument instrument : byId.values()) {
            if (books.containsKey(instrument.nativeId())) {
                continue;
            }
            StreamConnection connection = connectionWithRoom(additions);
            books.put(instrument.nativeId(), new LiveBook(instrument, connection, market.rule(), MAX_BUFFERED_EVENTS,
                    settings.maxSyncAttempts()));
            additions.computeIfAbsent(connection, c -> new ArrayList<>()).add(stream(instrument.nativeId()));
        }
        additions.forEach(StreamConnection::add);
        if (!removals.isEmpty() || !additions.isEmpty()) {
            LOG.infof("[%s] live books follow %d symbols on %d connections (%d added, %d removed)", name,
                    books.size(), connections.size(), additions.values().stream().mapToInt(List::size).sum(),
                    removals.values().stream().mapToInt(List::size).sum());
        }
    }

    @Override
    public void cycleStats(Map<String, MarketStats> cycleStats) {
        stats = cycleStats;
    }

    @Override
    public boolean covers(Instrument instrument) {
        LiveBook book = books.get(instrument.nativeId());
        return book != null && book.synced();
    }

    @Override
    public void stop() {
        stopped = true;
        scheduler.shutdownNow();
        snapshots.shutdownNow();
        connections.forEach(StreamConnection::stop);
        socketThreads.shutdown();
    }

    // ---- stream events ---------------------------------------------------------------------------

    @Override
    public void onOpen(StreamConnection connection) {
        log(Logger.Level.INFO, "[%s] stream %s connected (%d streams)", name, connection.name(), connection.streamCount());
    }

    @Override
    public void onText(StreamConnection connection, String text) {
        try {
            DepthEvent event = DepthFrames.parse(text);
            if (event == null) {
                return; // a subscription answer
            }
            lastEventAt = System.currentTimeMillis();
            metrics.event();
            LiveBook book = books.get(event.symbol());
            if (book == null || book.connection() != connection) {
                return; // removed meanwhile (its UNSUBSCRIBE may still be on the way)
            }
            handle(book, book.onEvent(event), false);
        } catch (ExchangeException e) {
            badFrame(e.getMessage());
        } catch (RuntimeException e) {
            badFrame(e.toString());
        }
    }

    @Override
    public void onLost(StreamConnection connection, String reason, String detail, Duration reconnectIn) {
        if (!stopped) {
            log(Logger.Level.WARN, "[%s] stream %s lost (%s: %s); reconnecting in %d ms", name, connection.name(), reason,
                    detail, reconnectIn.toMillis());
            String problem = "stream " + reason.replace('_', ' ') + ": " + detail;
            for (LiveBook book : books.values()) {
                if (book.connection() == connection && book.discard(problem)) {
                    metrics.resync("reconnect");
                }
            }
        }
        // counted once its books are off the stream: whoever sees the count never sees them still covered
        metrics.reconnect(reason);
    }

    /** Acts on what an event or a snapshot did to a book: fetch snapshots, count and log re-syncs. */
    private void handle(LiveBook book, Outcome outcome, boolean afterSnapshot) {
        switch (outcome) {
            case SNAPSHOT_NEEDED -> requestSnapshot(book, Duration.ZERO);
            case GAP -> {
                metrics.resync("gap");
                if (afterSnapshot) {
                    // the buffered events themselves were broken: a sync attempt failed
                    book.fail("update gap in the buffered stream");
                    requestSnapshot(book, retryDelay(book));
                } else {
                    log(Logger.Level.INFO, "[%s] %s update gap in the stream; re-syncing", name, book.nativeId());
                    requestSnapshot(book, Duration.ZERO);
                }
            }
            case SNAPSHOT_MISMATCH -> {
                metrics.resync("snapshot_mismatch");
                book.fail("snapshot does not line up with the stream");
                requestSnapshot(book, retryDelay(book));
            }
            case SYNCED -> log(Logger.Level.INFO, "[%s] %s live book synced", name, book.nativeId());
            default -> {
                // buffered, applied, dropped or awaiting the next event: nothing to do
            }
        }
    }

    // ---- snapshots -------------------------------------------------------------------------------

    private void requestSnapshot(LiveBook book, Duration delay) {
        if (stopped || !book.claimSnapshot()) {
            return;
        }
        try {
            snapshots.schedule(() -> fetchSnapshot(book), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void fetchSnapshot(LiveBook book) {
        if (stopped || books.get(book.nativeId()) != book || !book.snapshotStillWanted()) {
            return;
        }
        String id = book.nativeId();
        try {
            int limit = market.snapshotLimit(settings.snapshotDepth());
            String endpoint = market.depthEndpoint();
            JsonNode body = http.get(endpoint, endpoint + "?symbol=" + AdapterSupport.queryValue(id) + "&limit=" + limit,
                    market.snapshotWeight(limit));
            BinanceParser.Book snapshot = market.parseSnapshot(body, id, System.currentTimeMillis());
            if (snapshot.lastUpdateId() < 0) {
                throw ExchangeException.badResponse("binance depth " + id + ": missing lastUpdateId");
            }
            handle(book, book.onSnapshot(snapshot.lastUpdateId(), snapshot.bids(), snapshot.asks()), true);
        } catch (ExchangeException | RuntimeException e) {
            String problem = "snapshot failed: " + (e instanceof ExchangeException ? e.getMessage() : e.toString());
            book.snapshotFailed(problem);
            metrics.resync("snapshot_failed");
            log(Logger.Level.WARN, "[%s] %s %s", name, id, problem);
            requestSnapshot(book, retryDelay(book));
        }
    }

    /** 1 s, 2 s, 4 s, … after consecutive failures, up to {@code max-reconnect-delay}. */
    private Duration retryDelay(LiveBook book) {
        long millis = 1_000L << Math.min(20, Math.max(0, book.failedAttempts() - 1));
        return Duration.ofMillis(Math.min(millis, settings.maxReconnectDelay().toMillis()));
    }

    // ---- publishing ------------------------------------------------------------------------------

    private void publishAll() {
        if (stopped) {
            return;
        }
        long now = System.currentTimeMillis();
        String correlationId = name + "-live-" + now;
        MDC.put("correlation_id", correlationId);
        MDC.put("exchange", name);
        try {
            Map<String, MarketStats> current = stats;
            for (LiveBook book : books.values()) {
                LiveBook.View view = book.view(maxDepth);
                if (view != null) {
                    publish(book, view, current.getOrDefault(book.nativeId(), MarketStats.EMPTY), correlationId);
                }
            }
            loopStats.liveBooks(status().asMap());
        } catch (RuntimeException e) {
            LOG.errorf(e, "[%s] unexpected failure publishing live books", name); // the next tick tries again
        } finally {
            MDC.remove("correlation_id");
        }
    }

    private void publish(LiveBook book, LiveBook.View view, MarketStats stats, String correlationId) {
        MarketStats merged = market == BinanceMarket.SPOT
                ? new MarketStats(stats.bid(), stats.ask(), stats.last(), stats.volume24h(), null, null, null)
                : stats;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("book_source", "stream");
        extra.put("last_update_id", view.updateId());
        try {
            MarketDataMessage message = Snapshots.assemble("binance", market.market(), view.instrument(), merged,
                    view.bids(), view.asks(), view.eventTime(), extra);
            publisher.publishMarketData(message, correlationId);
            loopStats.success();
            loopStats.bookDepth(Math.max(view.bids().length, view.asks().length));
            metrics.published();
        } catch (ExchangeException e) {
            // an empty or crossed local book went wrong somewhere: start it again from a snapshot
            book.discard("invalid local book: " + e.getMessage());
            metrics.resync("invalid_book");
            loopStats.error(e.getMessage());
            LOG.warnf("[%s] %s re-syncing an invalid local book: %s", name, book.nativeId(), e.getMessage());
        }
    }

    // ---- health and metrics ----------------------------------------------------------------------

    /** Counts per state and why each fallen-back symbol fell back. */
    public LiveBookStatus status() {
        int synced = 0;
        int syncing = 0;
        Map<String, String> fallback = new TreeMap<>();
        for (LiveBook book : books.values()) {
            switch (book.state()) {
                case SYNCED -> synced++;
                case SYNCING -> syncing++;
                case FALLBACK -> fallback.put(book.nativeId(), String.valueOf(book.lastProblem()));
            }
        }
        return new LiveBookStatus(synced, syncing, fallback.size(), openConnections(), fallback);
    }

    private int count(LiveBook.State state) {
        int n = 0;
        for (LiveBook book : books.values()) {
            if (book.state() == state) {
                n++;
            }
        }
        return n;
    }

    private int openConnections() {
        int n = 0;
        for (StreamConnection connection : connections) {
            if (connection.open()) {
                n++;
            }
        }
        return n;
    }

    private double lastEventAgeSeconds() {
        long at = lastEventAt;
        return at == 0 ? Double.NaN : (System.currentTimeMillis() - at) / 1000.0;
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private StreamConnection connectionWithRoom(Map<StreamConnection, List<String>> pending) {
        for (StreamConnection connection : connections) {
            int planned = connection.streamCount() + pending.getOrDefault(connection, List.of()).size();
            if (planned < streamsPerConnection) {
                return connection;
            }
        }
        StreamConnection connection = new StreamConnection(name + "#" + connectionIds.incrementAndGet(), wsClient,
                streams -> market.combinedStreamUri(wsUrl, streams), scheduler, connectTimeout, settings.watchdog(),
                settings.maxReconnectDelay(), this);
        connections.add(connection);
        return connection;
    }

    private String stream(String nativeId) {
        return BinanceMarket.streamName(nativeId, settings.updateSpeed());
    }

    private void checkWatchdogs() {
        long now = System.currentTimeMillis();
        for (StreamConnection connection : connections) {
            connection.checkWatchdog(now);
        }
    }

    private void badFrame(String problem) {
        metrics.badFrame();
        long now = System.currentTimeMillis();
        if (now - badFrameLoggedAt >= BAD_FRAME_LOG_INTERVAL_MS) { // at most one line per interval
            badFrameLoggedAt = now;
            log(Logger.Level.WARN, "[%s] skipped a stream frame that cannot be used: %s", name,
                    DepthFrames.snippet(problem));
        }
    }

    /**
     * Logs with this feed in the MDC and no cycle's correlation id: stream callbacks may run on JDK
     * threads that inherited the MDC of the loop thread that created the client.
     */
    private void log(Logger.Level level, String format, Object... params) {
        MDC.remove("correlation_id");
        MDC.put("exchange", name);
        LOG.logf(level, format, params);
    }

    /** Daemon threads {@code <role>-<feed>-n} whose MDC starts clean (JBoss' MDC is inherited from the creator). */
    private ThreadFactory threads(String role) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(() -> {
                MDC.clear();
                MDC.put("exchange", name);
                r.run();
            }, role + "-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
