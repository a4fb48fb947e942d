package io.marketdata.emulator.pumpportal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketdata.emulator.tokens.TokenRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The open PumpPortal connections and their subscriptions, the feed's injected faults (silence,
 * malformed frames, dropped connections) and its counters. The endpoint calls in on connection
 * events, {@link PumpPortalSender} reads the sessions, the admin API sets the faults.
 */
@ApplicationScoped
public class PumpPortalHub {

    /** Close code of an injected drop: the server is going away, clients are expected to reconnect. */
    static final int CLOSE_GOING_AWAY = 1001;

    /** Counters and fault state, as the admin API reports them. */
    public record Stats(int connections, int migrationSubscribers, int newTokenSubscribers, long framesSent,
            long malformedSent, int malformedPending, boolean silent) {
    }

    @Inject
    TokenRegistry registry;

    @Inject
    PumpPortalConfig config;

    @Inject
    ObjectMapper mapper;

    private final Map<String, PumpPortalSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger malformedPending = new AtomicInteger();
    private final AtomicLong malformedCount = new AtomicLong();
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder malformedSent = new LongAdder();
    private final AtomicLong silencedBeforeIndex = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong silencedThroughSlot = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean silent;
    private PumpPortalRequests requests;

    @PostConstruct
    void init() {
        requests = new PumpPortalRequests(this, mapper);
    }

    // ---- connections (called on the connection's event loop) ----------------------------------

    Uni<Void> open(WebSocketConnection connection) {
        sessions.put(connection.id(), new PumpPortalSession(connection, Vertx.currentContext()));
        return Uni.createFrom().voidItem();
    }

    Uni<Void> request(WebSocketConnection connection, String text) {
        PumpPortalSession session = sessions.get(connection.id());
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        return session.send(requests.handle(session, text));
    }

    void close(WebSocketConnection connection) {
        sessions.remove(connection.id());
    }

    // ---- schedule -----------------------------------------------------------------------------

    /** The index the next migration will get (all migrations due by now have happened). */
    long nextMigrationIndex() {
        registry.catchUp();
        return registry.count();
    }

    /** The creation slot of the current market time: slot {@code k} falls at {@code k × create-interval}. */
    long currentCreationSlot() {
        return registry.marketMs() / Math.max(1, config.createInterval().toMillis());
    }

    // ---- for the sender -----------------------------------------------------------------------

    Collection<PumpPortalSession> sessions() {
        return sessions.values();
    }

    /** True when migration {@code index} falls in a silence (now, or one lifted after it happened). */
    boolean silencedMigration(long index) {
        return silent || index < silencedBeforeIndex.get();
    }

    boolean silencedCreation(long slot) {
        return silent || slot <= silencedThroughSlot.get();
    }

    /**
     * When a malformed frame is pending, uses one up and returns its sequence number (which picks the
     * kind of damage); otherwise −1.
     */
    long takeMalformed() {
        while (true) {
            int n = malformedPending.get();
            if (n <= 0) {
                return -1;
            }
            if (malformedPending.compareAndSet(n, n - 1)) {
                return malformedCount.getAndIncrement();
            }
        }
    }

    void sent(int frames, boolean malformed) {
        framesSent.add(frames);
        if (malformed) {
            malformedSent.add(frames);
        }
    }

    // ---- admin --------------------------------------------------------------------------------

    /** Closes every open connection; returns how many. */
    public int drop() {
        int n = 0;
        for (PumpPortalSession s : sessions.values()) {
            s.close(CLOSE_GOING_AWAY, "Connection dropped by the emulator");
            n++;
        }
        return n;
    }

    /**
     * Silences the feed (connections stay open, nothing is sent) or lifts the silence. Events that
     * happened while silent are never sent, even those the sender had not reached when it was lifted.
     */
    public void silence(boolean on) {
        if (on) {
            silent = true;
            return;
        }
        silencedBeforeIndex.accumulateAndGet(nextMigrationIndex(), Math::max);
        silencedThroughSlot.accumulateAndGet(currentCreationSlot(), Math::max);
        silent = false;
    }

    /** The next {@code count} event frames sent are malformed; returns how many are pending. */
    public int malformed(int count) {
        return malformedPending.addAndGet(count);
    }

    public Stats stats() {
        int connections = 0;
        int migrations = 0;
        int newTokens = 0;
        for (PumpPortalSession s : sessions.values()) {
            connections++;
            migrations += s.migrations() ? 1 : 0;
            newTokens += s.newTokens() ? 1 : 0;
        }
        return new Stats(connections, migrations, newTokens, framesSent.sum(), malformedSent.sum(),
                malformedPending.get(), silent);
    }

    /** Zeroes frames_sent and malformed_sent (connections, subscriptions and faults are live state). */
    public void resetCounters() {
        framesSent.reset();
        malformedSent.reset();
    }
}
