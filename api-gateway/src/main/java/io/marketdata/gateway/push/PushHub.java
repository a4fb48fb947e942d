package io.marketdata.gateway.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Who is connected to which channel, and delivery of updates to them. Depth clients are indexed by
 * routing key, so an update touches only the clients of its book.
 */
@ApplicationScoped
public class PushHub {

    private static final Logger LOG = Logger.getLogger(PushHub.class);
    /** RFC 6455 1008: the endpoint received something that violates its policy. */
    static final int POLICY_VIOLATION = 1008;
    static final int GOING_AWAY = 1001;

    @Inject
    MeterRegistry registry;

    private final Map<PushChannel, Set<Subscriber>> byChannel = new EnumMap<>(PushChannel.class);
    private final Map<String, Set<Subscriber>> depthByKey = new ConcurrentHashMap<>();
    private final Map<String, Subscriber> byConnection = new ConcurrentHashMap<>();
    private final Map<PushChannel, Counter> sent = new EnumMap<>(PushChannel.class);
    private final Map<PushChannel, Counter> dropped = new EnumMap<>(PushChannel.class);

    @PostConstruct
    void init() {
        for (PushChannel channel : PushChannel.values()) {
            Set<Subscriber> set = ConcurrentHashMap.newKeySet();
            byChannel.put(channel, set);
            Gauge.builder("gateway_ws_connections", set, Set::size).tag("channel", channel.wireName())
                    .description("open WebSocket connections").register(registry);
            sent.put(channel, Counter.builder("gateway_ws_messages_sent_total").tag("channel", channel.wireName())
                    .description("frames written to WebSocket clients").register(registry));
            dropped.put(channel, Counter.builder("gateway_ws_messages_dropped_total").tag("channel", channel.wireName())
                    .description("frames dropped for clients too slow to read them").register(registry));
        }
    }

    /**
     * Registers the connection, then reads the snapshot ({@code snapshot} is called only now, so an
     * update cannot slip between the read and the registration) and sends it once it is there.
     * Returns at once: a slow snapshot source must not hold the endpoint's open callback.
     */
    public Uni<Void> open(WebSocketConnection connection, PushChannel channel, String key,
            Supplier<Uni<List<String>>> snapshot) {
        Subscriber s = new Subscriber(connection, channel, key, sent.get(channel), dropped.get(channel));
        byConnection.put(connection.id(), s);
        byChannel.get(channel).add(s);
        if (key != null) {
            // added inside compute: a concurrent close must not drop the set between lookup and add
            depthByKey.compute(key, (k, set) -> {
                Set<Subscriber> subscribers = set == null ? ConcurrentHashMap.newKeySet() : set;
                subscribers.add(s);
                return subscribers;
            });
        }
        Uni.createFrom().<List<String>>deferred(snapshot::get).subscribe().with(s::snapshot, e -> {
            LOG.warnf("snapshot for %s %s failed: %s", channel.wireName(), key == null ? "" : key, e.getMessage());
            s.snapshot(List.of());
        });
        return Uni.createFrom().voidItem();
    }

    /** Sends one error frame, then closes with 1008. */
    public Uni<Void> reject(WebSocketConnection connection, PushChannel channel, String message) {
        return connection.sendText(Frames.error(channel, null, message))
                .invoke(() -> sent.get(channel).increment())
                .onFailure().recoverWithNull()
                .chain(() -> connection.close(new CloseReason(POLICY_VIOLATION, "invalid subscription")));
    }

    public void close(WebSocketConnection connection) {
        Subscriber s = byConnection.remove(connection.id());
        if (s == null) {
            return;
        }
        byChannel.get(s.channel).remove(s);
        if (s.key != null) {
            depthByKey.computeIfPresent(s.key, (k, set) -> {
                set.remove(s);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /**
     * Tells every client the server is going away (1001), so it reconnects to another replica at once
     * instead of noticing a dead socket later.
     */
    void onStop(@Observes ShutdownEvent event) {
        for (Subscriber s : byConnection.values()) {
            s.connection.close(new CloseReason(GOING_AWAY, "server shutting down")).subscribe().with(ok -> { }, e -> { });
        }
    }

    /** An update for everyone on {@code channel} (or, for depth, following {@code routingKey}). */
    void publish(PushChannel channel, String routingKey, String frame) {
        Set<Subscriber> targets = channel == PushChannel.DEPTH ? depthByKey.get(routingKey) : byChannel.get(channel);
        if (targets == null) {
            return;
        }
        for (Subscriber s : targets) {
            try {
                s.update(frame);
            } catch (RuntimeException e) {
                // one broken connection must not stop the others' delivery
                LOG.debugf("update to %s failed: %s", s.connection.id(), e.getMessage());
            }
        }
    }

    /** Whether anyone follows this depth key (the frame is not even built otherwise). */
    boolean hasDepthSubscribers(String routingKey) {
        return depthByKey.containsKey(routingKey);
    }

    boolean hasSubscribers(PushChannel channel) {
        return !byChannel.get(channel).isEmpty();
    }
}
