package io.marketdata.emulator;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JDK WebSocket client for the tests: joins text frames sent in parts and hands each whole frame
 * to {@link #onFrame}, records the server's close code. Every wait is generous and fails the test
 * rather than hanging.
 */
public abstract class TestWebSocket implements WebSocket.Listener, AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Connects to {@code path} (with query) on the server behind {@code base}. */
    protected void open(URI base, String path) {
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot connect to " + uri, e);
        }
    }

    /** One whole text frame from the server. */
    protected abstract void onFrame(String text);

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            onFrame(text);
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

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The close code the server sent; fails when the connection stays open. */
    public int awaitClose() {
        try {
            return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("connection not closed by the server", e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** The next item of {@code queue}, failing the test when none comes within {@link #TIMEOUT}. */
    protected static <T> T poll(BlockingQueue<T> queue, String what) {
        try {
            T item = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(item, "no " + what + " within " + TIMEOUT);
            return item;
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
