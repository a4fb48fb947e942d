package io.marketdata.emulator.binance.stream;

import io.marketdata.emulator.market.Instrument;
import io.marketdata.emulator.market.MarketModel;
import io.marketdata.emulator.market.OrderBook;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends the diff-depth events. Every {@code emulator.streams.poll-ms} a single background thread
 * (books are generated here, never on an event loop) checks whether the market ticked and gives
 * every subscribed instrument one event per new tick: the level differences between the book of
 * the previous tick and this one, with {@code U = updateIdAt(t-1)+1} and {@code u = updateIdAt(t)}.
 * Each event is computed and rendered once, then queued to every subscriber's connection.
 */
@ApplicationScoped
public class DepthEventSender {

    private static final Logger LOG = Logger.getLogger(DepthEventSender.class);

    @Inject
    MarketModel model;

    @Inject
    StreamHub hub;

    @Inject
    StreamConfig config;

    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent event) {
        long pollMs = Math.max(1, config.pollMs());
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "depth-stream-sender");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pollSafely, pollMs, pollMs, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // A failure must not cancel the schedule: log it and try again at the next poll.
            LOG.error("depth stream sender failed", e);
        }
    }

    /** One pass over every feed; the frames are then handed to each connection in one batch. */
    void poll() {
        long now = model.currentTick();
        Map<StreamSession, List<String>> outbox = new LinkedHashMap<>();
        for (DepthFeed feed : hub.feeds()) {
            pump(feed, now, outbox);
        }
        outbox.forEach(StreamSession::send);
    }

    private void pump(DepthFeed feed, long now, Map<StreamSession, List<String>> outbox) {
        long last = feed.lastTick();
        if (now <= last) {
            return; // frozen, or no new tick since the last poll
        }
        if (feed.idle()) {
            hub.retire(feed);
            return;
        }
        VenueStreamState state = hub.state(feed.venue());
        long silentThrough = state.silent() ? now : Math.min(now, state.silencedThroughTick());
        if (silentThrough > last) {
            // Ticks of a silent period: their events are never sent, so the ids jump afterwards.
            feed.advance(silentThrough, null);
            last = silentThrough;
            if (last == now) {
                return;
            }
        }
        Instrument i = feed.instrument();
        OrderBook before = feed.lastBook() != null ? feed.lastBook() : model.snapshotAt(i, last).book();
        if (now - last > config.maxCatchUpTicks()) {
            OrderBook after = model.snapshotAt(i, now).book();
            publish(feed, state, last, now, before, after, outbox);
            before = after;
        } else {
            for (long t = last + 1; t <= now; t++) {
                OrderBook after = model.snapshotAt(i, t).book();
                publish(feed, state, t - 1, t, before, after, outbox);
                before = after;
            }
        }
        feed.advance(now, before);
    }

    /** The event taking the book from {@code fromTick} to {@code toTick}, queued to every subscriber. */
    private void publish(DepthFeed feed, VenueStreamState state, long fromTick, long toTick, OrderBook before,
            OrderBook after, Map<StreamSession, List<String>> outbox) {
        if (state.takeGap(feed.instrument())) {
            return; // an injected gap: nobody gets this event, so the next one does not chain
        }
        if (feed.subscribers().isEmpty()) {
            return;
        }
        Instrument i = feed.instrument();
        String event = DepthEventWriter.render(feed.venue(), i, model.updateIdAt(i, fromTick) + 1,
                model.updateIdAt(i, toTick), model.clock().nowMs(), model.clock().wallTimeOf(toTick),
                BookDiff.between(before, after));
        int frames = 0;
        for (Subscription s : feed.subscribers()) {
            outbox.computeIfAbsent(s.session(), k -> new ArrayList<>()).add(s.session().frame(s.name(), event));
            frames++;
        }
        state.sent(frames);
    }
}
