package io.marketdata.emulator.pumpportal;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One client connection and what it subscribed to. A subscription starts at the next event: the
 * first migration index (and creation slot) it gets is recorded when it subscribes, so a subscriber
 * never receives events from before its subscription, however late the sender runs. Writes go
 * through the connection's own event loop, as in the Binance streams.
 */
final class PumpPortalSession {

    private static final Logger LOG = Logger.getLogger(PumpPortalSession.class);
    static final long NOT_SUBSCRIBED = -1;

    private final WebSocketConnection connection;
    private final Context context;
    private volatile long migrationsFrom = NOT_SUBSCRIBED;
    private volatile long createsAfter = NOT_SUBSCRIBED;

    PumpPortalSession(WebSocketConnection connection, Context context) {
        this.connection = connection;
        this.context = context;
    }

    boolean migrations() {
        return migrationsFrom != NOT_SUBSCRIBED;
    }

    boolean newTokens() {
        return createsAfter != NOT_SUBSCRIBED;
    }

    /** Subscribes to migrations with index ≥ {@code fromIndex}; an existing subscription is kept. */
    void subscribeMigrations(long fromIndex) {
        if (migrationsFrom == NOT_SUBSCRIBED) {
            migrationsFrom = fromIndex;
        }
    }

    void unsubscribeMigrations() {
        migrationsFrom = NOT_SUBSCRIBED;
    }

    /** Subscribes to creations of slots after {@code slot}; an existing subscription is kept. */
    void subscribeNewTokens(long slot) {
        if (createsAfter == NOT_SUBSCRIBED) {
            createsAfter = slot;
        }
    }

    void unsubscribeNewTokens() {
        createsAfter = NOT_SUBSCRIBED;
    }

    boolean wantsMigration(long index) {
        long from = migrationsFrom;
        return from != NOT_SUBSCRIBED && index >= from;
    }

    boolean wantsCreation(long slot) {
        long after = createsAfter;
        return after != NOT_SUBSCRIBED && slot > after;
    }

    /** Sends {@code frames} in order without blocking the caller. */
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

    Uni<Void> send(String text) {
        return connection.sendText(text);
    }

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
