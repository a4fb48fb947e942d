package io.marketdata.emulator.binance.stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.emulator.TestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JDK WebSocket client for the tests: frames carrying an {@code id} (request answers) and the
 * others (events) are queued separately; the close code is recorded. Every wait is generous and
 * fails the test rather than hanging.
 */
final class StreamClient implements WebSocket.Listener, AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private StreamClient() {
    }

    /** Connects to {@code path} (with query) on the server behind {@code base}. */
    static StreamClient connect(URI base, String path) {
        StreamClient client = new StreamClient();
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
        try {
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot connect to " + uri, e);
        }
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode frame = TestSupport.parse(partial.toString());
            partial.setLength(0);
            (frame.has("id") ? replies : events).add(frame);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends a request and returns its answer ({"result":…} or {"error":…}). */
    JsonNode request(String json) {
        send(json);
        return poll(replies, "an answer to " + json);
    }

    /** The next event frame (an event, or {"stream":…,"data":…} on combined connections). */
    JsonNode nextEvent() {
        return poll(events, "an event");
    }

    /** Events received and not yet taken, without waiting. */
    List<JsonNode> drainEvents() {
        List<JsonNode> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    /** The close code the server sent; fails when the connection stays open. */
    int awaitClose() {
        try {
            return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("connection not closed by the server", e);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    private static JsonNode poll(BlockingQueue<JsonNode> queue, String what) {
        try {
            JsonNode n = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(n, "no " + what + " within " + TIMEOUT);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            // The server may close at the same moment; either way the connection ends here.
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> socket).join();
        }
        socket.abort();
    }
}
