package io.marketdata.orderbook.consume;

import io.marketdata.orderbook.book.InvalidMessageException;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.history.HistoryStore;
import io.marketdata.orderbook.history.OpenMinute;
import io.marketdata.orderbook.publish.AnalyticsPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes {@code futures.#} and {@code spot.#} from the service's durable queue (with its
 * dead-letter queue) through the connector's incoming channel {@value #CHANNEL}, one message at a
 * time, feeds {@link BookPipeline}, and cuts checkpoints every {@code checkpoint.interval} or
 * {@code checkpoint.max-messages}. Each message is held in the pipeline's pending batch and
 * acknowledged by {@link CheckpointWriter} once the checkpoint covering it is committed; a bad
 * message is acknowledged once its dead letter ({@link DeadLetterPublisher}) is confirmed. Handling
 * is CPU work (decode, bands, minutes: about 25 µs) plus a non-blocking hand-off to the checkpoint
 * writer, so it runs on the connector's context and never blocks it.
 */
@ApplicationScoped
public class BookConsumer {

    static final String CHANNEL = "market-data";
    private static final Logger LOG = Logger.getLogger(BookConsumer.class);

    @Inject
    BookPipeline pipeline;
    @Inject
    CheckpointWriter writer;
    @Inject
    HistoryStore store;
    @Inject
    AnalyticsPublisher publisher;
    @Inject
    OrderbookConfig config;
    @Inject
    DeadLetterPublisher deadLetters;
    @Inject
    HealthCenter health;

    /** Completed once the open minutes of the previous run are restored: no book is handled before. */
    private final CompletableFuture<Void> restored = new CompletableFuture<>();
    private ScheduledExecutorService ticker;
    private volatile boolean stopping;
    private String queue;
    private int maxMessages;

    /** Before the messaging layer (priority 1000) starts delivering: the open minutes must be known first. */
    void restore(@Observes @Priority(900) StartupEvent event) throws InterruptedException {
        queue = config.consumer().queue();
        maxMessages = config.checkpoint().maxMessages();
        if (config.consumer().enabled()) {
            pipeline.restore(loadOpenMinutes());
        }
        restored.complete(null);
    }

    /** After the messaging layer has connected the emitters this service publishes through. */
    void start(@Observes @Priority(1100) StartupEvent event) {
        writer.start();
        publisher.start();
        if (!config.consumer().enabled()) {
            LOG.info("consumer disabled (orderbook.consumer.enabled=false)");
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "checkpoint-timer"));
        long interval = config.checkpoint().interval().toMillis();
        ticker.scheduleWithFixedDelay(() -> writer.submit(pipeline.cut()), interval, interval, TimeUnit.MILLISECONDS);
        LOG.infof("consuming %s (futures.#, spot.#) on channel %s, prefetch %d, checkpoint every %s or %d messages",
                queue, CHANNEL, config.consumer().prefetch(), config.checkpoint().interval(), maxMessages);
    }

    /** Waits for PostgreSQL at start-up: the open minutes must be known before the first message. */
    private List<OpenMinute> loadOpenMinutes() throws InterruptedException {
        long delay = 1_000;
        while (true) {
            try {
                List<OpenMinute> open = store.loadOpen();
                if (!open.isEmpty()) {
                    LOG.infof("continuing %d open minutes from the previous run", open.size());
                }
                return open;
            } catch (SQLException e) {
                LOG.warnf("PostgreSQL unavailable at start-up, retrying in %d ms: %s", delay, e.getMessage());
                Thread.sleep(delay);
                delay = Math.min(delay * 2, config.checkpoint().maxRetryDelay().toMillis());
            }
        }
    }

    @Incoming(CHANNEL)
    public Uni<Void> onBook(Message<byte[]> message) {
        if (!restored.isDone()) {
            return Uni.createFrom().completionStage(restored).invoke(() -> handle(message));
        }
        handle(message);
        return Uni.createFrom().voidItem();
    }

    private void handle(Message<byte[]> message) {
        if (stopping) {
            // neither handled nor settled: the broker redelivers it once the connection closes
            return;
        }
        IncomingRabbitMQMetadata props = message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
        String correlationId = props == null ? null : props.getCorrelationId().orElse(null);
        byte[] body = bytes(message.getPayload());
        if (correlationId != null) {
            MDC.put("correlation_id", correlationId);
        }
        try {
            pipeline.handle(body, correlationId, message);
        } catch (InvalidMessageException e) {
            deadLetters.send(message, props, queue, body, e.getMessage());
        } catch (RuntimeException e) {
            // a bug must not kill the consumer nor lose the message: park it with the reason
            LOG.errorf(e, "unexpected failure handling %s", props == null ? "?" : props.getRoutingKey());
            deadLetters.send(message, props, queue, body, "internal error: " + e);
        } finally {
            MDC.remove("correlation_id");
        }
        if (pipeline.pendingMessages() >= maxMessages) {
            writer.submit(pipeline.cut());
        }
    }

    private static byte[] bytes(Object payload) {
        if (payload instanceof byte[] raw) {
            return raw;
        }
        if (payload instanceof Buffer buffer) {
            return buffer.getBytes();
        }
        return payload == null ? new byte[0] : payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Dead letters still waiting for the broker's confirm (tests, shutdown). */
    public int unconfirmedDeadLetters() {
        return deadLetters.unconfirmed();
    }

    /**
     * Graceful shutdown, all within {@code checkpoint.shutdown-timeout}, before the connector closes
     * the channel: stop handling deliveries, checkpoint everything handled, write it, acknowledge.
     * What is not written by then stays unacknowledged and is redelivered to the next process.
     */
    void stop(@Observes @Priority(100) ShutdownEvent event) {
        long deadline = System.currentTimeMillis() + config.checkpoint().shutdownTimeout().toMillis();
        stopping = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        publisher.stop(Math.min(2_000, Math.max(0, deadline - System.currentTimeMillis())));
        // give the last dead letters a moment to be confirmed, so their originals are acknowledged now
        long confirmsUntil = Math.min(deadline - 3_000, System.currentTimeMillis() + 2_000);
        while (unconfirmedDeadLetters() > 0 && System.currentTimeMillis() < confirmsUntil) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        writer.submit(pipeline.cut());
        try {
            // keep 2 s of the budget for the connector to send the acks and close
            writer.stop(deadline - 2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.infof("stopped: %d open minutes checkpointed for the next start", pipeline.openMinutes());
    }

    /** True while the connector reports the {@value #CHANNEL} consumer attached. */
    public boolean consuming() {
        List<HealthReport.ChannelInfo> channels = health.getReadiness().getChannels();
        return !stopping && channels.stream().anyMatch(c -> CHANNEL.equals(c.getChannel()))
                && channels.stream().filter(c -> CHANNEL.equals(c.getChannel())).allMatch(c -> c.isOk());
    }
}
