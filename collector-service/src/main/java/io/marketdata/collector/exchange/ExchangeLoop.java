package io.marketdata.collector.exchange;

import io.marketdata.collector.http.RestClient;
import io.marketdata.collector.publish.MarketDataPublisher;
import io.marketdata.collector.stats.LoopStatistics;
import io.marketdata.collector.symbols.SymbolRegistry;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.market.MarketDataMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The collection loop of one adapter, on its own threads so a slow or failing venue never delays
 * another: every {@code interval} it reads the current symbol set, maps it onto the venue's
 * instruments, fetches the bulk ticker/funding data (a failure there skips the cycle), then the
 * books in parallel (a failure skips that symbol), and hands each message to the publisher. Books
 * that a {@link LiveBooks} collaborator keeps from a stream are not polled while they are live.
 */
public final class ExchangeLoop {

    private static final Logger LOG = Logger.getLogger(ExchangeLoop.class);

    private final ExchangeAdapter adapter;
    private final RestClient http;
    private final SymbolRegistry symbols;
    private final MarketDataPublisher publisher;
    private final LoopStatistics stats;
    private final LiveBooks live;
    private final Duration interval;
    private final Duration instrumentRefresh;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService books;
    private final Timer cycleTimer;
    private final Counter snapshotsOk;
    private final Counter snapshotsFailed;
    private final Set<UnifiedSymbol> warnedUnavailable = new HashSet<>();
    private Map<UnifiedSymbol, Instrument> instruments;
    private long instrumentsLoadedAt;
    private volatile boolean running;

    public ExchangeLoop(ExchangeAdapter adapter, RestClient http, SymbolRegistry symbols, MarketDataPublisher publisher,
            LoopStatistics stats, Duration interval, Duration instrumentRefresh, int maxConcurrency, MeterRegistry registry,
            LiveBooks live) {
        this.adapter = adapter;
        this.live = live;
        this.http = http;
        this.symbols = symbols;
        this.publisher = publisher;
        this.stats = stats;
        this.interval = interval;
        this.instrumentRefresh = instrumentRefresh;
        String name = adapter.loopName();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "collect-" + name));
        this.books = Executors.newFixedThreadPool(Math.max(1, maxConcurrency), r -> new Thread(r, "books-" + name));
        this.cycleTimer = Timer.builder("collector_cycle_seconds").description("Duration of a collection cycle")
                .tag("exchange", name).publishPercentileHistogram().register(registry);
        this.snapshotsOk = Counter.builder("collector_snapshots_total").tag("exchange", name).tag("outcome", "ok")
                .description("Market snapshots collected").register(registry);
        this.snapshotsFailed = Counter.builder("collector_snapshots_total").tag("exchange", name).tag("outcome", "error")
                .description("Market snapshots that failed").register(registry);
    }

    public String name() {
        return adapter.loopName();
    }

    public void start() {
        running = true;
        scheduler.schedule(this::runCycle, 0, TimeUnit.MILLISECONDS);
    }

    /** Stops scheduling; a cycle in flight may finish its current requests. */
    public void stop() {
        running = false;
        scheduler.shutdownNow();
        books.shutdownNow();
        live.stop();
    }

    public void awaitStopped(Duration timeout) throws InterruptedException {
        scheduler.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        books.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runCycle() {
        long start = System.currentTimeMillis();
        try {
            cycle(start);
        } catch (RuntimeException e) {
            // a bug must never end the loop: count it and try again next cycle
            stats.error(e.toString());
            LOG.errorf(e, "[%s] unexpected failure in cycle", name());
        } finally {
            MDC.remove("correlation_id");
            if (running) {
                long next = start + interval.toMillis() - System.currentTimeMillis();
                scheduler.schedule(this::runCycle, Math.max(0, next), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void cycle(long start) {
        String correlationId = name() + "-" + start;
        MDC.put("correlation_id", correlationId);
        MDC.put("exchange", name());
        Timer.Sample sample = Timer.start();
        List<Instrument> wanted = wantedInstruments(start);
        if (wanted != null) {
            live.follow(wanted);
        }
        if (wanted == null || wanted.isEmpty()) {
            stats.cycle(wanted == null);
            return;
        }
        Map<String, MarketStats> bulk;
        try {
            bulk = adapter.fetchCycleStats(http, wanted);
        } catch (ExchangeException e) {
            stats.error(e.getMessage());
            stats.cycle(true);
            LOG.errorf("[%s] skipping cycle, ticker/funding unavailable: %s", name(), e.getMessage());
            return;
        }
        live.cycleStats(bulk);
        List<Instrument> polled = wanted.stream().filter(instrument -> !live.covers(instrument)).toList();
        CycleContext context = new CycleContext(start, polled.size(), bulk);
        List<Future<?>> pending = new ArrayList<>(polled.size());
        for (Instrument instrument : polled) {
            pending.add(books.submit(() -> collect(context, instrument, correlationId)));
        }
        for (Future<?> future : pending) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                stats.error(e.toString());
            }
        }
        stats.cycle(false);
        sample.stop(cycleTimer);
    }

    private void collect(CycleContext context, Instrument instrument, String correlationId) {
        MDC.put("correlation_id", correlationId);
        try {
            MarketDataMessage message = adapter.fetchSnapshot(http, context, instrument);
            publisher.publishMarketData(message, correlationId);
            stats.success();
            stats.bookDepth(Math.max(message.orderbook().bids().length, message.orderbook().asks().length));
            snapshotsOk.increment();
        } catch (ExchangeException e) {
            stats.error(e.getMessage());
            snapshotsFailed.increment();
            LOG.warnf("[%s] %s skipped this cycle: %s", name(), instrument.symbol(), e.getMessage());
        } finally {
            MDC.remove("correlation_id");
        }
    }

    /** The instruments to collect this cycle, or null when the instrument list cannot be had. */
    private List<Instrument> wantedInstruments(long now) {
        if (instruments == null || now - instrumentsLoadedAt >= instrumentRefresh.toMillis()) {
            try {
                instruments = adapter.fetchInstruments(http);
                instrumentsLoadedAt = now;
                LOG.infof("[%s] %d instruments listed", name(), instruments.size());
            } catch (ExchangeException e) {
                stats.error(e.getMessage());
                if (instruments == null) {
                    LOG.errorf("[%s] instrument list unavailable, skipping cycle: %s", name(), e.getMessage());
                    return null;
                }
                LOG.warnf("[%s] instrument list refresh failed, keeping the previous one: %s", name(), e.getMessage());
            }
        }
        List<Instrument> wanted = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (UnifiedSymbol symbol : symbols.current()) {
            Instrument instrument = instruments.get(symbol);
            if (instrument != null) {
                wanted.add(instrument);
            } else {
                unavailable.add(symbol.toString());
                if (warnedUnavailable.add(symbol)) {
                    LOG.warnf("[%s] %s is not listed on this exchange; skipping it", name(), symbol);
                }
            }
        }
        stats.coverage(wanted.size(), unavailable);
        return wanted;
    }
}
