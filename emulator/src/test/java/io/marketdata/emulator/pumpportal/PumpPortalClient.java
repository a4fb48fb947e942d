package io.marketdata.emulator.pumpportal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.emulator.TestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JDK WebSocket client of the PumpPortal feed for the tests. Frames are queued as text (injected
 * malformed frames are not JSON); every wait is generous and fails the test rather than hanging.
 */
final class PumpPortalClient implements WebSocket.Listener, AutoCloseable {

    static final String PATH = "/pumpportal/api/data";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private PumpPortalClient() {
    }

    static PumpPortalClient connect(URI base) {
        PumpPortalClient client = new PumpPortalClient();
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + PATH);
        try {
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot connect to " + uri, e);
        }
        return client;
    }

    /** Connects and subscribes with {@code method}; returns the client once the ack arrived. */
    static PumpPortalClient subscribed(URI base, String method) {
        PumpPortalClient client = connect(base);
        client.request("{\"method\":\"" + method + "\"}");
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
            frames.add(partial.toString());
            partial.setLength(0);
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

    /** Sends a request and returns the acknowledgement that answers it. */
    JsonNode request(String json) {
        send(json);
        return nextJson();
    }

    /** The next frame, as sent. */
    String next() {
        try {
            String f = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(f, "no frame within " + TIMEOUT);
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    JsonNode nextJson() {
        return TestSupport.parse(next());
    }

    /** Frames received and not yet taken, without waiting. */
    int pending() {
        return frames.size();
    }

    int awaitClose() {
        try {
            return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("connection not closed by the server", e);
        }
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> socket).join();
        }
        socket.abort();
    }
}
