package io.marketdata.collector.publish;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.publish.OutboundMessage.Destination;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.market.MarketDataMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes to RabbitMQ through the connector channels {@code market-data} ({@code futures_data}) and
 * {@code token-metrics} ({@code token_events}), both with publisher confirms, from a bounded in-memory
 * buffer on one dedicated thread: persistent messages, sent in batches whose confirms are awaited
 * before they leave the buffer. While the broker is unreachable the connector nacks (or never
 * confirms) and the buffer keeps filling (the oldest messages are dropped, and counted, once it is
 * full); the thread retries with capped back-off. An unconfirmed batch goes back to the head of the
 * buffer with its message ids, so delivery is at-least-once and in order per producer.
 */
@ApplicationScoped
public class MarketDataPublisher {

    private static final Logger LOG = Logger.getLogger(MarketDataPublisher.class);
    /** The emitters' own buffer: a batch at most ({@code batch-size} is capped to it). */
    static final int EMITTER_BUFFER = 4096;

    @Inject
    CollectorConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    @Channel("market-data")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER)
    Emitter<byte[]> marketData;
    @Inject
    @Channel("token-metrics")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER)
    Emitter<byte[]> tokenEvents;

    private LinkedBlockingDeque<OutboundMessage> buffer;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean running;
    private volatile String lastError;
    private Thread worker;
    private Counter publishedCounter;
    private Counter failedCounter;
    private Counter droppedCounter;
    private Timer confirmTimer;

    /** The buffer exists from the first call: collection may start before the channels are wired. */
    @PostConstruct
    void createBuffer() {
        buffer = new LinkedBlockingDeque<>(config.publisher().bufferCapacity());
        publishedCounter = Counter.builder("collector_publish_messages_total").tag("outcome", "confirmed")
                .description("Messages confirmed by RabbitMQ").register(registry);
        failedCounter = Counter.builder("collector_publish_messages_total").tag("outcome", "failed")
                .description("Publish attempts that failed; the messages went back to the buffer").register(registry);
        droppedCounter = Counter.builder("collector_publish_messages_total").tag("outcome", "dropped")
                .description("Messages dropped because the buffer was full").register(registry);
        confirmTimer = Timer.builder("collector_publish_confirm_seconds").description("Publish-to-confirm time per batch")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("collector_publish_buffer_size", buffer, LinkedBlockingDeque::size)
                .description("Messages waiting to be published").register(registry);
        Gauge.builder("collector_publish_connected", this, p -> p.connected ? 1 : 0)
                .description("0 after a batch failed, until one is confirmed again").register(registry);
    }

    /** After the messaging lifecycle (priority 1000) has wired the channels, so the emitters are connected. */
    void onStart(@Observes @Priority(1100) StartupEvent event) {
        connected = true; // nothing failed yet; the connector's readiness covers the connection itself
        running = true;
        worker = new Thread(this::run, "rabbitmq-publisher");
        worker.start();
    }

    /** Serialises and buffers one market data message for {@code futures.<exchange>.<SYMBOL>}. */
    public void publishMarketData(MarketDataMessage message, String correlationId) {
        String routingKey = RoutingKeys.marketData(message.exchange(), UnifiedSymbol.of(message.symbol()));
        enqueue(Destination.MARKET_DATA, routingKey, Json.toBytes(message), correlationId);
    }

    /** Buffers one message for a destination, with a new message id and the current time. */
    public void enqueue(Destination destination, String routingKey, byte[] body, String correlationId) {
        enqueue(new OutboundMessage(destination, routingKey, UUID.randomUUID().toString(), correlationId,
                System.currentTimeMillis(), body));
    }

    /** Buffers any message; never blocks: when the buffer is full the oldest message is dropped. */
    public void enqueue(OutboundMessage message) {
        while (!buffer.offerLast(message)) {
            if (buffer.pollFirst() != null) {
                dropped.incrementAndGet();
                droppedCounter.increment();
            }
        }
    }

    /** The AMQP properties every message carries (persistent, JSON, schema version header). */
    static OutgoingRabbitMQMetadata metadata(OutboundMessage m) {
        return OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(m.routingKey())
                .withMessageId(m.messageId())
                .withCorrelationId(m.correlationId())
                .withContentType(Topology.CONTENT_TYPE)
                .withContentEncoding("UTF-8")
                .withDeliveryMode(2)
                .withTimestamp(Instant.ofEpochMilli(m.timestampMillis()).atZone(ZoneOffset.UTC))
                .withAppId("collector-service")
                .withHeader(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION)
                .build();
    }

    private void run() {
        int batchSize = Math.min(config.publisher().batchSize(), EMITTER_BUFFER);
        List<OutboundMessage> batch = new ArrayList<>(batchSize);
        long backoffMillis = 1_000;
        while (running || (!buffer.isEmpty() && connected)) {
            try {
                OutboundMessage first = buffer.pollFirst(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                buffer.drainTo(batch, batchSize - 1);
                publishConfirmed(batch);
                published.addAndGet(batch.size());
                publishedCounter.increment(batch.size());
                if (!connected && lastError != null) {
                    LOG.infof("[rabbitmq] publishing again; %d messages buffered", buffer.size());
                }
                connected = true;
                lastError = null;
                backoffMillis = 1_000;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                requeue(batch);
                break;
            } catch (Exception e) {
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (connected || !error.equals(lastError)) {
                    LOG.warnf("[rabbitmq] publishing %d messages failed, re-buffered (%d waiting): %s", batch.size(),
                            buffer.size() + batch.size(), error);
                }
                lastError = error;
                connected = false;
                failed.addAndGet(batch.size());
                failedCounter.increment(batch.size());
                requeue(batch);
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, config.publisher().maxReconnectDelay().toMillis());
            } finally {
                batch.clear();
            }
        }
    }

    /** Sends a batch and waits until the broker confirmed every message of it; throws otherwise. */
    private void publishConfirmed(List<OutboundMessage> batch) throws Exception {
        long start = System.nanoTime();
        BatchConfirms confirms = new BatchConfirms(batch.size());
        for (OutboundMessage m : batch) {
            Emitter<byte[]> emitter = m.destination() == Destination.MARKET_DATA ? marketData : tokenEvents;
            emitter.send(Message.of(m.body(), Metadata.of(metadata(m)), confirms::ack, confirms::nack));
        }
        confirms.await(config.publisher().confirmTimeout());
        confirmTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** Counts the confirms of one batch; the first nack fails it. */
    private static final class BatchConfirms {
        private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
        private final CountDownLatch outstanding;
        private final AtomicReference<Throwable> nack = new AtomicReference<>();

        BatchConfirms(int size) {
            outstanding = new CountDownLatch(size);
        }

        CompletionStage<Void> ack() {
            outstanding.countDown();
            return DONE;
        }

        CompletionStage<Void> nack(Throwable reason) {
            nack.compareAndSet(null, reason == null ? new IllegalStateException("nacked") : reason);
            outstanding.countDown();
            return DONE;
        }

        void await(Duration timeout) throws Exception {
            if (!outstanding.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException(outstanding.getCount() + " messages not confirmed within " + timeout);
            }
            Throwable reason = nack.get();
            if (reason != null) {
                throw new IllegalStateException("nacked: " + reason, reason);
            }
        }
    }

    /** Puts an unconfirmed batch back at the head of the buffer, in its original order. */
    private void requeue(List<OutboundMessage> batch) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            if (!buffer.offerFirst(batch.get(i))) {
                dropped.incrementAndGet(); // the buffer filled meanwhile: the oldest message goes
                droppedCounter.increment();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops accepting work and waits up to {@code drain-timeout} for the buffer to be confirmed.
     * Runs after the collection loops have stopped (lower priority observers run later).
     */
    void onStop(@Observes @Priority(20) ShutdownEvent event) {
        drain(config.publisher().drainTimeout());
    }

    /** Waits until the buffer is empty or the timeout passes, then stops the publisher thread. */
    public void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!buffer.isEmpty() && connected && System.nanoTime() < deadline) {
            sleep(50);
        }
        running = false;
        if (worker != null) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!buffer.isEmpty()) {
            LOG.warnf("[rabbitmq] shutting down with %d unpublished messages", buffer.size());
        }
    }

    public boolean connected() {
        return connected;
    }

    public String lastError() {
        return lastError;
    }

    public long publishedCount() {
        return published.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public long droppedCount() {
        return dropped.get();
    }

    public int bufferedCount() {
        return buffer == null ? 0 : buffer.size();
    }
}
