package io.marketdata.gateway.push;

import io.micrometer.core.instrument.Counter;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One open WebSocket and what it follows. It is registered before its snapshot is read, so no
 * update falls between the two; updates arriving before the snapshot is sent are held and sent
 * right after it, so the snapshot is always the first frame (an update may repeat what the snapshot
 * already showed, which is harmless for latest values).
 *
 * <p>Sends never block the caller (the bus consumer thread). A client that does not read has its
 * frames dropped, counted, once {@link #MAX_PENDING} are unwritten, instead of growing the server's
 * memory: the data are latest values, the next update replaces what was dropped.
 */
final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class);
    static final int MAX_PENDING = 256;
    private static final int MAX_HELD = 256;

    final WebSocketConnection connection;
    final PushChannel channel;
    /** The routing key followed (depth), null for the channels that get every key. */
    final String key;

    private final Counter sent;
    private final Counter dropped;
    private final AtomicInteger pending = new AtomicInteger();
    private final ArrayDeque<String> held = new ArrayDeque<>();
    private boolean live;

    Subscriber(WebSocketConnection connection, PushChannel channel, String key, Counter sent, Counter dropped) {
        this.connection = connection;
        this.channel = channel;
        this.key = key;
        this.sent = sent;
        this.dropped = dropped;
    }

    synchronized void update(String frame) {
        if (live) {
            send(frame);
        } else if (held.size() < MAX_HELD) {
            held.add(frame);
        } else {
            dropped.increment();
        }
    }

    /** Sends the snapshot frames, then whatever arrived meanwhile, and goes live. */
    synchronized void snapshot(List<String> frames) {
        frames.forEach(this::send);
        held.forEach(this::send);
        held.clear();
        live = true;
    }

    private void send(String frame) {
        if (!connection.isOpen()) {
            return;
        }
        if (pending.get() >= MAX_PENDING) {
            dropped.increment();
            return;
        }
        pending.incrementAndGet();
        // the Uni is lazy: subscribing is what writes the frame
        connection.sendText(frame).subscribe().with(ok -> {
            pending.decrementAndGet();
            sent.increment();
        }, e -> {
            pending.decrementAndGet();
            LOG.debugf("frame not sent to %s (%s): %s", connection.id(), channel.wireName(), e.getMessage());
        });
    }
}
