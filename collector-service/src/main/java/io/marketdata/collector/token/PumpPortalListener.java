package io.marketdata.collector.token;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.token.TokenCreated;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one connection to PumpPortal's data feed (more get the IP banned): subscribes to migrations
 * on every connect, records each new mint and its {@code token.created} in one transaction
 * ({@link MigratedTokens}: deduplicated by mint across reconnects, restarts and replicas), which
 * {@link TokenCreatedRelay} then publishes with confirms; ignores acknowledgements and other frames,
 * and reconnects with back-off 1 s, 2 s, … capped at {@code max-reconnect-delay}. While PostgreSQL
 * is away, migrations wait in memory (bounded) and are recorded once it is back.
 */
@ApplicationScoped
public class PumpPortalListener {

    private static final Logger LOG = Logger.getLogger(PumpPortalListener.class);
    private static final String SUBSCRIBE = "{\"method\":\"subscribeMigration\"}";
    /** Mints seen by this process: duplicates of recent frames cost no database round trip. */
    private static final int RECENT_MINTS = 100_000;
    /** Migrations received while PostgreSQL was away, recorded once it is back (oldest dropped beyond). */
    private static final int MAX_UNRECORDED = 10_000;

    @Inject
    CollectorConfig config;
    @Inject
    MigratedTokens tokens;
    @Inject
    TokenCreatedRelay relay;
    @Inject
    MeterRegistry registry;

    private final Set<String> recent = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_MINTS;
        }
    });
    private final ArrayDeque<Unrecorded> unrecorded = new ArrayDeque<>();
    private final Map<MigrationFrame.Kind, Counter> frames = new EnumMap<>(MigrationFrame.Kind.class);
    private ScheduledExecutorService scheduler;
    private HttpClient http;
    private Counter duplicates;
    private Counter lostUnrecorded;
    private Counter reconnects;
    private volatile WebSocket socket;
    private volatile boolean stopped;
    private volatile long lastFrameAt;
    private volatile String lastProblem = "";
    private int failedAttempts;
    private long lastMalformedLog;

    void start(@Observes StartupEvent event) {
        if (!config.pumpportal().enabled()) {
            LOG.info("PumpPortal listener disabled (collector.pumpportal.enabled=false)");
            return;
        }
        for (MigrationFrame.Kind kind : MigrationFrame.Kind.values()) {
            frames.put(kind, Counter.builder("collector_pumpportal_frames_total").tag("kind", kind.name().toLowerCase())
                    .description("PumpPortal frames by kind").register(registry));
        }
        lostUnrecorded = Counter.builder("collector_pumpportal_unrecorded_dropped_total")
                .description("Migrations dropped because PostgreSQL stayed away and the waiting list was full").register(registry);
        Gauge.builder("collector_pumpportal_unrecorded", this, l -> l.unrecordedCount())
                .description("Migrations waiting for PostgreSQL to be recorded").register(registry);
        duplicates = Counter.builder("collector_pumpportal_duplicates_total")
                .description("Migrations of mints already announced").register(registry);
        reconnects = Counter.builder("collector_pumpportal_reconnects_total").register(registry);
        Gauge.builder("collector_pumpportal_connected", this, l -> l.connected() ? 1 : 0).register(registry);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "pumpportal"));
        http = HttpClient.newBuilder().connectTimeout(config.pumpportal().connectTimeout()).build();
        scheduler.execute(this::connect);
        scheduler.scheduleWithFixedDelay(this::recordUnrecorded, 1, 1, TimeUnit.SECONDS);
    }

    /** First at shutdown: no new migration is taken while the relay flushes what is recorded. */
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        stopped = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "shutdown").whenComplete((r, e) -> ws.abort());
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    public boolean enabled() {
        return config.pumpportal().enabled();
    }

    public boolean connected() {
        return socket != null;
    }

    /** Epoch ms of the last frame, 0 before the first. */
    public long lastFrameAt() {
        return lastFrameAt;
    }

    public String lastProblem() {
        return lastProblem;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        URI uri = URI.create(config.pumpportal().wsUrl());
        http.newWebSocketBuilder().connectTimeout(config.pumpportal().connectTimeout())
                .buildAsync(uri, new Listener())
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        lost("connect failed: " + rootMessage(error));
                    }
                });
    }

    private void lost(String why) {
        socket = null;
        lastProblem = why;
        if (stopped) {
            return;
        }
        long delay = Math.min(1_000L << Math.min(failedAttempts, 16), config.pumpportal().maxReconnectDelay().toMillis());
        failedAttempts++;
        reconnects.increment();
        LOG.warnf("PumpPortal connection lost (%s); reconnecting in %d ms", why, delay);
        scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    void handle(String text) {
        lastFrameAt = System.currentTimeMillis();
        MigrationFrame frame = MigrationFrame.parse(text);
        frames.get(frame.kind()).increment();
        switch (frame.kind()) {
            case MIGRATION -> migration(frame, lastFrameAt);
            case MALFORMED -> {
                if (lastFrameAt - lastMalformedLog > 10_000) {
                    lastMalformedLog = lastFrameAt;
                    LOG.warnf("PumpPortal frame ignored (%s): %.200s", frame.problem(), text);
                }
            }
            default -> {
                // acknowledgements and frames of other subscriptions carry nothing for us
            }
        }
    }

    private void migration(MigrationFrame frame, long receivedAt) {
        if (!recent.add(frame.mint())) {
            duplicates.increment();
            return;
        }
        record(new Unrecorded(frame, receivedAt));
    }

    /** Records the mint with its event (one transaction); while the database is away it waits in memory. */
    private void record(Unrecorded m) {
        TokenCreated message = new TokenCreated(m.frame().mint(), m.frame().name(), m.frame().symbol(),
                m.frame().signature(), m.frame().venue(), m.receivedAt());
        try {
            if (!tokens.recordIfNew(m.frame(), m.receivedAt(), RoutingKeys.TOKEN_CREATED, Json.toBytes(message))) {
                duplicates.increment();
                return;
            }
        } catch (SQLException e) {
            LOG.warnf("could not record mint %s (%s); retried when PostgreSQL is back", m.frame().mint(), e.getMessage());
            synchronized (unrecorded) {
                if (unrecorded.size() >= MAX_UNRECORDED) {
                    unrecorded.pollFirst();
                    lostUnrecorded.increment();
                }
                unrecorded.addLast(m);
            }
            return;
        }
        relay.wake();
        LOG.infof("migration %s (%s) on %s recorded; token.created pending", m.frame().mint(),
                m.frame().symbol() == null ? "?" : m.frame().symbol(), m.frame().venue());
    }

    private void recordUnrecorded() {
        while (true) {
            Unrecorded next;
            synchronized (unrecorded) {
                next = unrecorded.pollFirst();
            }
            if (next == null) {
                return;
            }
            int waiting = unrecordedCount();
            record(next);
            if (unrecordedCount() > waiting) {
                return; // it went back to the list: still away, try again on the next round
            }
        }
    }

    int unrecordedCount() {
        synchronized (unrecorded) {
            return unrecorded.size();
        }
    }

    private record Unrecorded(MigrationFrame frame, long receivedAt) {
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** JDK WebSocket callbacks; text frames may arrive in parts. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            socket = ws;
            failedAttempts = 0;
            ws.sendText(SUBSCRIBE, true);
            LOG.infof("PumpPortal connected (%s), subscribed to migrations", config.pumpportal().wsUrl());
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    handle(text);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "PumpPortal frame handling failed");
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            lost("closed by the server: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            lost("error: " + rootMessage(error));
        }
    }
}
