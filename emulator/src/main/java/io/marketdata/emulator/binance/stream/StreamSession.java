package io.marketdata.emulator.binance.stream;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One client connection: its venue, its subscribed stream names (in subscription order) and whether
 * frames are wrapped as combined-stream frames {@code {"stream":…,"data":…}}.
 *
 * <p>Every write goes through the connection's own event loop: Vert.x splits a long message into
 * frames queued one by one, so writes from the sender thread and from the request handler could
 * otherwise interleave fragments of two messages.
 */
final class StreamSession {

    private static final Logger LOG = Logger.getLogger(StreamSession.class);

    private final WebSocketConnection connection;
    private final StreamVenue venue;
    private final Context context;
    private final Set<String> streams = new LinkedHashSet<>();
    private volatile boolean combined;

    StreamSession(WebSocketConnection connection, StreamVenue venue, boolean combined, Context context) {
        this.connection = connection;
        this.venue = venue;
        this.combined = combined;
        this.context = context;
    }

    WebSocketConnection connection() {
        return connection;
    }

    StreamVenue venue() {
        return venue;
    }

    boolean combined() {
        return combined;
    }

    void combined(boolean value) {
        combined = value;
    }

    /** Stream names currently subscribed, in order (the LIST_SUBSCRIPTIONS answer). */
    synchronized List<String> streams() {
        return new ArrayList<>(streams);
    }

    synchronized int streamCount() {
        return streams.size();
    }

    /**
     * Adds the names not yet subscribed, unless that would exceed {@code max} streams; returns the
     * names added, or null (nothing added) when over the limit.
     */
    synchronized List<String> add(List<String> names, int max) {
        Set<String> fresh = new LinkedHashSet<>(names);
        fresh.removeAll(streams);
        if (streams.size() + fresh.size() > max) {
            return null;
        }
        streams.addAll(fresh);
        return new ArrayList<>(fresh);
    }

    /** Removes the names that were subscribed; returns them. */
    synchronized List<String> remove(List<String> names) {
        List<String> removed = new ArrayList<>();
        for (String name : names) {
            if (streams.remove(name)) {
                removed.add(name);
            }
        }
        return removed;
    }

    synchronized List<String> removeAll() {
        List<String> all = new ArrayList<>(streams);
        streams.clear();
        return all;
    }

    /** The frame of one event on stream {@code name}: wrapped on combined connections, bare otherwise. */
    String frame(String name, String event) {
        if (!combined) {
            return event;
        }
        // Depth stream names are [a-z0-9@] only (StreamNames.DEPTH), so they need no JSON escaping.
        return new StringBuilder(event.length() + name.length() + 24).append("{\"stream\":\"").append(name)
                .append("\",\"data\":").append(event).append('}').toString();
    }

    /** Sends {@code frames} in order, without blocking the caller. */
    void send(List<String> frames) {
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
    Uni<Void> send(String text) {
        return connection.sendText(text);
    }

    /** Closes the connection with {@code code} and {@code reason} (no-op when already closed). */
    void close(int code, String reason) {
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
