package io.marketdata.collector.token;

import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.Topology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Relays {@code collector.token_outbox} to {@code token_events} through the {@code token-created}
 * channel (publisher confirms): an event is marked sent, and its mint announced, only once the broker
 * confirmed it. A nack, a confirm timeout or a broker outage leaves it pending; it is re-sent later
 * with the same message id ({@code token.created:<mint>}), after a back-off of 1 s doubling to 30 s.
 * Nothing is sent before the consumers' queues are declared ({@link ConsumerQueues}). At shutdown it
 * runs after the PumpPortal listener stopped, and flushes what is pending for up to
 * {@code drain-timeout}; what is left is sent after the next start.
 */
@ApplicationScoped
public class TokenCreatedRelay {

    private static final Logger LOG = Logger.getLogger(TokenCreatedRelay.class);
    private static final long MAX_BACKOFF_MS = 30_000;

    @Inject
    TokenOutbox outbox;
    @Inject
    ConsumerQueues consumerQueues;
    @Inject
    MeterRegistry registry;
    @Inject
    @Channel("token-created")
    MutinyEmitter<byte[]> emitter;
    @Inject
    io.marketdata.collector.config.CollectorConfig config;

    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;
    private Counter created;
    private Counter failures;
    private volatile long pending;
    private volatile long backoffUntil;
    private long backoffMs = 1_000;
    private long lastPurge;
    private volatile String lastError;

    /** After the messaging lifecycle (priority 1000) has wired the channels, so the emitter is connected. */
    void onStart(@Observes @Priority(1100) StartupEvent event) {
        created = Counter.builder("collector_tokens_created_total")
                .description("token.created confirmed by the broker (mints announced)").register(registry);
        failures = Counter.builder("collector_token_outbox_failures_total")
                .description("token.created sends nacked, timed out or failed; each stays pending and is re-sent").register(registry);
        Gauge.builder("collector_token_outbox_pending", this, r -> r.pending)
                .description("token.created events waiting for the broker's confirm").register(registry);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "token-outbox"));
        consumerQueues.declareInBackground();
        long period = Math.max(50, config.tokenOutbox().pollInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::relay, period, period, TimeUnit.MILLISECONDS);
    }

    /** A new event was recorded: relay it now rather than at the next poll. */
    public void wake() {
        ScheduledExecutorService s = scheduler;
        if (s != null && !s.isShutdown()) {
            try {
                s.execute(this::relay);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // shutting down: the event stays pending and goes out after the next start
            }
        }
    }

    /** Sends the pending events not already on their way. Runs on the relay's thread only. */
    private void relay() {
        try {
            if (!consumerQueues.declared() || System.currentTimeMillis() < backoffUntil) {
                return;
            }
            List<TokenOutbox.Pending> batch = outbox.pending(config.tokenOutbox().batchSize() + inFlight.size());
            pending = batch.size();
            for (TokenOutbox.Pending event : batch) {
                if (inFlight.add(event.id())) {
                    send(event);
                }
            }
            purgeNowAndThen();
        } catch (SQLException | RuntimeException e) {
            // database away: nothing is lost, the events are sent once it is back
            lastError = e.getMessage();
            LOG.warnf("token outbox: cannot read pending events (%s)", e.getMessage());
        }
    }

    private void send(TokenOutbox.Pending event) {
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(event.routingKey())
                .withMessageId(event.messageId())
                .withCorrelationId("migration-" + event.mint())
                .withContentType(Topology.CONTENT_TYPE)
                .withContentEncoding("UTF-8")
                .withDeliveryMode(2)
                .withTimestamp(ZonedDateTime.now())
                .withAppId("collector-service")
                .withHeader(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION)
                .build();
        try {
            emitter.sendMessage(Message.of(event.body(), Metadata.of(metadata)))
                    .ifNoItem().after(config.tokenOutbox().confirmTimeout()).fail()
                    .subscribe().with(ok -> onRelayThread(() -> confirmed(event)),
                            failure -> onRelayThread(() -> failed(event, failure)));
        } catch (RuntimeException e) {
            failed(event, e);
        }
    }

    private void onRelayThread(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            task.run(); // shutdown: settle it here so the flush sees it
        }
    }

    private void confirmed(TokenOutbox.Pending event) {
        try {
            outbox.markSent(event);
            created.increment();
            backoffMs = 1_000;
            LOG.infof("token.created %s confirmed", event.mint());
        } catch (SQLException e) {
            // confirmed but not marked: it is re-sent with the same message id; consumers deduplicate
            LOG.warnf("token outbox: %s confirmed but not marked sent (%s); it will be re-sent", event.mint(), e.getMessage());
        } finally {
            inFlight.remove(event.id());
        }
    }

    private void failed(TokenOutbox.Pending event, Throwable failure) {
        failures.increment();
        lastError = String.valueOf(failure);
        backoffUntil = System.currentTimeMillis() + backoffMs;
        LOG.warnf("token.created %s not confirmed (%s); pending, re-sent in %d ms", event.mint(), failure, backoffMs);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        try {
            outbox.markFailed(event, String.valueOf(failure));
        } catch (SQLException e) {
            LOG.debugf("token outbox: could not record the failure (%s)", e.getMessage());
        } finally {
            inFlight.remove(event.id());
        }
    }

    private void purgeNowAndThen() throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastPurge > 60_000) {
            lastPurge = now;
            outbox.purgeSent(now - config.tokenOutbox().retention().toMillis());
        }
    }

    /**
     * After the PumpPortal listener stopped ({@code @Priority(1)}): sends what is pending and waits
     * for the confirms, up to {@code drain-timeout}; then the connector closes the channel.
     */
    void onStop(@Observes @Priority(2) ShutdownEvent event) {
        if (scheduler == null) {
            return;
        }
        long deadline = System.nanoTime() + config.tokenOutbox().drainTimeout().toNanos();
        backoffUntil = 0;
        while (System.nanoTime() < deadline) {
            try {
                if (inFlight.isEmpty() && outbox.pendingCount() == 0) {
                    break;
                }
            } catch (SQLException e) {
                break;
            }
            wake();
            sleep(100);
        }
        scheduler.shutdownNow();
        if (!inFlight.isEmpty()) {
            LOG.warnf("token outbox: %d events unconfirmed at shutdown; they are re-sent after the next start", inFlight.size());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long pending() {
        return pending;
    }

    public String lastError() {
        return lastError;
    }
}
