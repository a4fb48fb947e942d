package io.marketdata.collector.stats;

import io.marketdata.collector.publish.MarketDataPublisher;
import io.marketdata.collector.symbols.SymbolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The statistics of every loop and of publishing, in the shape {@code get_statistics} answers. */
@ApplicationScoped
public class CollectorStatistics {

    private final Map<String, LoopStatistics> loops = new ConcurrentHashMap<>();
    private final long startedAt = System.currentTimeMillis();

    @Inject
    MarketDataPublisher publisher;
    @Inject
    SymbolRegistry symbols;

    public LoopStatistics loop(String name) {
        return loops.computeIfAbsent(name, LoopStatistics::new);
    }

    public Map<String, LoopStatistics> loops() {
        return new TreeMap<>(loops);
    }

    /**
     * The seed's fields ({@code exchange_success}, {@code exchange_errors}, {@code rabbitmq_published},
     * {@code rabbitmq_failed}) plus buffer, drop and per-exchange detail.
     */
    public Map<String, Object> snapshot() {
        Map<String, Object> success = new TreeMap<>();
        Map<String, Object> errors = new TreeMap<>();
        Map<String, Object> detail = new TreeMap<>();
        for (LoopStatistics loop : loops().values()) {
            success.put(loop.name(), loop.successCount());
            errors.put(loop.name(), loop.errorCount());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("success", loop.successCount());
            d.put("errors", loop.errorCount());
            d.put("cycles", loop.cycleCount());
            d.put("skipped_cycles", loop.skippedCycleCount());
            d.put("instruments", loop.instruments());
            d.put("unavailable_symbols", loop.unavailable());
            d.put("book_depth", loop.bookDepth());
            d.put("last_success_at", loop.lastSuccessAt() == 0 ? null : loop.lastSuccessAt());
            d.put("last_error", loop.lastError());
            if (loop.liveBooks() != null) {
                d.put("live_books", loop.liveBooks());
            }
            detail.put(loop.name(), d);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exchange_success", success);
        data.put("exchange_errors", errors);
        data.put("rabbitmq_published", publisher.publishedCount());
        data.put("rabbitmq_failed", publisher.failedCount());
        data.put("rabbitmq_dropped", publisher.droppedCount());
        data.put("rabbitmq_buffered", publisher.bufferedCount());
        data.put("rabbitmq_connected", publisher.connected());
        data.put("symbols", symbols.currentNames());
        data.put("uptime_seconds", (System.currentTimeMillis() - startedAt) / 1000);
        data.put("exchanges", detail);
        return data;
    }
}
