package io.marketdata.collector.exchange.binance.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketdata.contracts.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One WebSocket connection carrying a set of streams (combined-stream URL at connect time,
 * SUBSCRIBE/UNSUBSCRIBE for later changes). It reconnects by itself after any loss with capped
 * exponential back-off (1 s, 2 s, 4 s, … while attempts end without a single frame; 1 s after a
 * connection that was delivering), and a connection silent for longer than the watchdog is treated
 * as lost. Text frames arriving in parts are joined before they are handed on.
 */
final class StreamConnection {

    /** Receives what happens on the connection; called outside the connection's lock. */
    interface Listener {
        void onOpen(StreamConnection connection);

        void onText(StreamConnection connection, String text);

        /** Lost or not opened; a new attempt starts after {@code reconnectIn}. */
        void onLost(StreamConnection connection, String reason, String detail, Duration reconnectIn);
    }

    private static final Logger LOG = Logger.getLogger(StreamConnection.class);
    /** Depth frames are a few KB; anything this large is not a depth frame. */
    private static final int MAX_FRAME_CHARS = 8 * 1024 * 1024;

    private final String name;
    private final HttpClient http;
    private final Function<Collection<String>, URI> uriOf;
    private final ScheduledExecutorService scheduler;
    private final Duration connectTimeout;
    private final Duration watchdog;
    private final Duration maxReconnectDelay;
    private final Listener listener;
    private final Set<String> streams = new LinkedHashSet<>();
    private WebSocket socket;
    private Set<String> subscribed = Set.of();
    private boolean connecting;
    private volatile int generation;
    private int failedAttempts;
    private boolean stopped;
    private int requestId;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private volatile boolean received;
    private volatile long lastFrameAt;

    StreamConnection(String name, HttpClient http, Function<Collection<String>, URI> uriOf,
            ScheduledExecutorService scheduler, Duration connectTimeout, Duration watchdog, Duration maxReconnectDelay,
            Listener listener) {
        this.name = name;
        this.http = http;
        this.uriOf = uriOf;
        this.scheduler = scheduler;
        this.connectTimeout = connectTimeout;
        this.watchdog = watchdog;
        this.maxReconnectDelay = maxReconnectDelay;
        this.listener = listener;
    }

    String name() {
        return name;
    }

    synchronized int streamCount() {
        return streams.size();
    }

    synchronized boolean open() {
        return socket != null;
    }

    /** Adds streams: subscribed at once when open, else part of the next connect URL. */
    synchronized void add(Collection<String> names) {
        List<String> added = new ArrayList<>();
        for (String stream : names) {
            if (streams.add(stream)) {
                added.add(stream);
            }
        }
        if (socket != null) {
            subscribe("SUBSCRIBE", added);
        } else if (!connecting && !stopped && !streams.isEmpty()) {
            connect();
        }
    }

    /** Removes streams (unsubscribed when open); a connection left without streams closes. */
    synchronized void remove(Collection<String> names) {
        List<String> removed = new ArrayList<>();
        for (String stream : names) {
            if (streams.remove(stream)) {
                removed.add(stream);
            }
        }
        if (streams.isEmpty()) {
            stop();
        } else if (socket != null) {
            subscribe("UNSUBSCRIBE", removed);
        }
    }

    /** Closes the connection for good. */
    synchronized void stop() {
        stopped = true;
        generation++;
        WebSocket ws = socket;
        socket = null;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((r, e) -> ws.abort());
        }
    }

    /** Treats the connection as lost when no frame arrived within the watchdog period. */
    void checkWatchdog(long now) {
        int current;
        synchronized (this) {
            if (socket == null || now - lastFrameAt <= watchdog.toMillis()) {
                return;
            }
            current = generation;
        }
        lost(current, "watchdog", "no frame for " + (now - lastFrameAt) / 1000 + " s");
    }

    private void connect() {
        int attempt = ++generation;
        connecting = true;
        Set<String> carried = Set.copyOf(streams);
        URI uri = uriOf.apply(carried);
        LOG.debugf("[%s] connecting to %s", name, uri);
        http.newWebSocketBuilder().connectTimeout(connectTimeout)
                .buildAsync(uri, new Handler(attempt, carried))
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        lost(attempt, "connect_failed", describe(error));
                    }
                });
    }

    private void opened(int attempt, WebSocket ws, Set<String> carried) {
        synchronized (this) {
            if (attempt != generation || stopped) {
                ws.abort();
                return;
            }
            socket = ws;
            connecting = false;
            received = false;
            lastFrameAt = System.currentTimeMillis();
            subscribed = new LinkedHashSet<>(carried);
            // streams added or removed while the handshake was under way
            subscribe("SUBSCRIBE", streams.stream().filter(s -> !carried.contains(s)).toList());
            subscribe("UNSUBSCRIBE", carried.stream().filter(s -> !streams.contains(s)).toList());
        }
        listener.onOpen(this);
    }

    private void lost(int attempt, String reason, String detail) {
        Duration delay;
        synchronized (this) {
            if (attempt != generation || stopped) {
                return; // a late callback of a connection already replaced
            }
            int next = ++generation;
            WebSocket ws = socket;
            socket = null;
            connecting = true;
            if (ws != null) {
                ws.abort();
            }
            failedAttempts = received ? 0 : failedAttempts + 1;
            received = false;
            delay = backoff(failedAttempts);
            scheduler.schedule(() -> reconnect(next), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        listener.onLost(this, reason, detail, delay);
    }

    private synchronized void reconnect(int expected) {
        if (expected == generation && !stopped && socket == null) {
            connect();
        }
    }

    /** 1 s after a connection that delivered, then 2 s, 4 s, … up to the cap. */
    private Duration backoff(int failures) {
        long millis = 1_000L << Math.min(20, Math.max(0, failures - 1));
        return Duration.ofMillis(Math.min(millis, maxReconnectDelay.toMillis()));
    }

    private void frameReceived() {
        lastFrameAt = System.currentTimeMillis();
        if (!received) {
            received = true;
        }
    }

    /** Sends SUBSCRIBE/UNSUBSCRIBE for {@code names}; sends are chained (the JDK allows one at a time). */
    private void subscribe(String method, List<String> names) {
        if (names.isEmpty() || socket == null) {
            return;
        }
        if (method.equals("SUBSCRIBE")) {
            subscribed.addAll(names);
        } else {
            subscribed.removeAll(names);
        }
        ObjectNode request = Json.MAPPER.createObjectNode().put("method", method);
        names.forEach(request.putArray("params")::add);
        request.put("id", ++requestId);
        String text = request.toString();
        WebSocket ws = socket;
        sending = sending.handle((r, e) -> null).thenCompose(ignored -> ws.sendText(text, true))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.debugf("[%s] %s not sent: %s", name, method, describe(e));
                    }
                });
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException
                || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** The JDK listener of one connection attempt; callbacks of replaced attempts are ignored. */
    private final class Handler implements WebSocket.Listener {
        private final int attempt;
        private final Set<String> carried;
        private final StringBuilder partial = new StringBuilder();

        Handler(int attempt, Set<String> carried) {
            this.attempt = attempt;
            this.carried = carried;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            opened(attempt, webSocket, carried);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frameReceived();
            partial.append(data);
            if (partial.length() > MAX_FRAME_CHARS) {
                partial.setLength(0);
                lost(attempt, "error", "text frame over " + MAX_FRAME_CHARS + " characters");
                return null;
            }
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (attempt == generation) {
                    listener.onText(StreamConnection.this, text);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            frameReceived();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            frameReceived(); // the JDK answers with a pong itself
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            frameReceived();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(attempt, "closed", "closed by the server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(attempt, "error", describe(error));
        }
    }
}
