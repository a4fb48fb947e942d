package io.marketdata.emulator.binance.stream;

import io.marketdata.emulator.web.SocketWriter;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One client connection: its venue, its subscribed stream names (in subscription order) and whether
 * frames are wrapped as combined-stream frames {@code {"stream":…,"data":…}}.
 *
 * <p>Every write goes through the connection's own event loop ({@link SocketWriter}).
 */
final class StreamSession extends SocketWriter {

    private final StreamVenue venue;
    private final Set<String> streams = new LinkedHashSet<>();
    private volatile boolean combined;

    StreamSession(WebSocketConnection connection, StreamVenue venue, boolean combined, Context context) {
        super(connection, context);
        this.venue = venue;
        this.combined = combined;
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
}
