package io.marketdata.collector.exchange.binance.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** The Prometheus meters of one market's live books, labelled {@code exchange} = binance / binance-spot. */
final class LiveBookMetrics {

    private final String exchange;
    private final MeterRegistry registry;
    private final Counter events;
    private final Counter badFrames;
    private final Counter published;

    LiveBookMetrics(String exchange, MeterRegistry registry) {
        this.exchange = exchange;
        this.registry = registry;
        this.events = Counter.builder("collector_live_book_events_total").tag("exchange", exchange)
                .description("Diff-depth events received").register(registry);
        this.badFrames = Counter.builder("collector_ws_bad_frames_total").tag("exchange", exchange)
                .description("Stream frames that could not be understood (counted and skipped)").register(registry);
        // the same meter the REST loop counts its snapshots with: one count of collected books per venue
        this.published = Counter.builder("collector_snapshots_total").tag("exchange", exchange).tag("outcome", "ok")
                .description("Market snapshots collected").register(registry);
    }

    <T> void gauges(T feed, ToDoubleFunction<T> synced, ToDoubleFunction<T> syncing, ToDoubleFunction<T> fallback,
            ToDoubleFunction<T> connections, ToDoubleFunction<T> lastEventAge) {
        state(feed, "synced", synced);
        state(feed, "syncing", syncing);
        state(feed, "fallback", fallback);
        Gauge.builder("collector_ws_connections", feed, connections).tag("exchange", exchange)
                .description("Open stream connections").register(registry);
        Gauge.builder("collector_live_book_last_event_age_seconds", feed, lastEventAge).tag("exchange", exchange)
                .description("Seconds since the last diff-depth event (NaN before the first)").register(registry);
    }

    private <T> void state(T feed, String state, ToDoubleFunction<T> count) {
        Gauge.builder("collector_live_books", feed, count).tag("exchange", exchange).tag("state", state)
                .description("Live books by state: synced (published from the stream), syncing, fallback (REST)")
                .register(registry);
    }

    void event() {
        events.increment();
    }

    void badFrame() {
        badFrames.increment();
    }

    void published() {
        published.increment();
    }

    /** reason: gap, snapshot_mismatch, snapshot_failed, reconnect, invalid_book. */
    void resync(String reason) {
        Counter.builder("collector_live_book_resyncs_total").tag("exchange", exchange).tag("reason", reason)
                .description("Live books discarded and re-synced from a new snapshot").register(registry).increment();
    }

    /** reason: closed, error, watchdog, connect_failed. */
    void reconnect(String reason) {
        Counter.builder("collector_ws_reconnects_total").tag("exchange", exchange).tag("reason", reason)
                .description("Stream connections lost (or not opened) and attempted again").register(registry).increment();
    }
}
