package io.marketdata.emulator.web;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes to one WebSocket connection through the connection's own event loop: Vert.x splits a long
 * message into frames queued one by one, so writes from a sender thread and from a request handler
 * could otherwise interleave fragments of two messages. Base of the emulator's stream sessions.
 */
public class SocketWriter {

    private static final Logger LOG = Logger.getLogger(SocketWriter.class);

    protected final WebSocketConnection connection;
    private final Context context;

    protected SocketWriter(WebSocketConnection connection, Context context) {
        this.connection = connection;
        this.context = context;
    }

    public WebSocketConnection connection() {
        return connection;
    }

    /** Sends {@code frames} in order, without blocking the caller. */
    public void send(List<String> frames) {
        onEventLoop(() -> {
            for (String f : frames) {
                if (connection.isClosed()) {
                    return;
                }
                connection.sendText(f).subscribe().with(ok -> {
                }, failure -> LOG.debugf("send to %s failed: %s", connection.id(), failure.toString()));
            }
        });
    }

    /** Sends {@code text}; the Uni completes once it is written. */
    public Uni<Void> send(String text) {
        return connection.sendText(text);
    }

    /** Closes the connection with {@code code} and {@code reason} (no-op when already closed). */
    public void close(int code, String reason) {
        onEventLoop(() -> {
            if (!connection.isClosed()) {
                connection.close(new CloseReason(code, reason)).subscribe().with(ok -> {
                }, failure -> LOG.debugf("close of %s failed: %s", connection.id(), failure.toString()));
            }
        });
    }

    private void onEventLoop(Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
