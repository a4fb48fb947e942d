package io.marketdata.emulator.pumpportal;

import io.marketdata.emulator.web.SocketWriter;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;

/**
 * One client connection and what it subscribed to. A subscription starts at the next event: the
 * first migration index (and creation slot) it gets is recorded when it subscribes, so a subscriber
 * never receives events from before its subscription, however late the sender runs. Writes go
 * through the connection's own event loop, as in the Binance streams.
 */
final class PumpPortalSession extends SocketWriter {

    static final long NOT_SUBSCRIBED = -1;

    private volatile long migrationsFrom = NOT_SUBSCRIBED;
    private volatile long createsAfter = NOT_SUBSCRIBED;

    PumpPortalSession(WebSocketConnection connection, Context context) {
        super(connection, context);
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
}
