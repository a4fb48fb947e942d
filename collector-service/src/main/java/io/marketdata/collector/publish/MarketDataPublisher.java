package io.marketdata.collector.publish;

import io.marketdata.messaging.BrokerSettings;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import io.marketdata.collector.config.CollectorConfig;
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
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Publishes to RabbitMQ from a bounded in-memory buffer on one dedicated thread: persistent
 * messages, published in batches and confirmed by the broker before they leave the buffer. While
 * the broker is unreachable the buffer keeps filling (the oldest messages are dropped, and counted,
 * once it is full) and the thread reconnects with capped back-off; an unconfirmed batch goes back to
 * the head of the buffer, so delivery is at-least-once and in order per producer.
 */
@ApplicationScoped
public class MarketDataPublisher {

    private static final Logger LOG = Logger.getLogger(MarketDataPublisher.class);

    @Inject
    CollectorConfig config;
    BrokerSettings broker = BrokerSettings.fromConfig();
    @Inject
    MeterRegistry registry;

    private LinkedBlockingDeque<OutboundMessage> buffer;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean running;
    private volatile String lastError;
    private Thread worker;
    private Connection connection;
    private Channel channel;
    private Counter publishedCounter;
    private Counter failedCounter;
    private Counter droppedCounter;
    private Timer confirmTimer;

    void onStart(@Observes @Priority(10) StartupEvent event) {
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
                .description("1 while the publisher has a confirmed channel").register(registry);
        running = true;
        worker = new Thread(this::run, "rabbitmq-publisher");
        worker.start();
    }

    /** Serialises and buffers one market data message for {@code futures.<exchange>.<SYMBOL>}. */
    public void publishMarketData(MarketDataMessage message, String correlationId) {
        String routingKey = RoutingKeys.marketData(message.exchange(), UnifiedSymbol.of(message.symbol()));
        enqueue(new OutboundMessage(Topology.MARKET_DATA_EXCHANGE, routingKey, properties(correlationId),
                Json.toBytes(message)));
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

    public static AMQP.BasicProperties properties(String correlationId) {
        return MessageProperties.PERSISTENT_BASIC.builder()
                .contentType(Topology.CONTENT_TYPE)
                .contentEncoding("UTF-8")
                .messageId(UUID.randomUUID().toString())
                .correlationId(correlationId)
                .timestamp(new Date())
                .appId("collector-service")
                .headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION))
                .build();
    }

    private void run() {
        List<OutboundMessage> batch = new ArrayList<>(config.publisher().batchSize());
        long backoffMillis = 1_000;
        while (running || (!buffer.isEmpty() && connected)) {
            if (channel == null || !channel.isOpen()) {
                if (!openChannel()) {
                    sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, config.publisher().maxReconnectDelay().toMillis());
                    continue;
                }
                backoffMillis = 1_000;
            }
            try {
                OutboundMessage first = buffer.pollFirst(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                buffer.drainTo(batch, config.publisher().batchSize() - 1);
                publishConfirmed(batch);
                published.addAndGet(batch.size());
                publishedCounter.increment(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                requeue(batch);
                break;
            } catch (Exception e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                failed.addAndGet(batch.size());
                failedCounter.increment(batch.size());
                LOG.warnf("[rabbitmq] publishing %d messages failed, re-buffered: %s", batch.size(), lastError);
                requeue(batch);
                closeQuietly();
            } finally {
                batch.clear();
            }
        }
        closeQuietly();
    }

    private void publishConfirmed(List<OutboundMessage> batch) throws Exception {
        long start = System.nanoTime();
        for (OutboundMessage m : batch) {
            channel.basicPublish(m.exchange(), m.routingKey(), false, m.properties(), m.body());
        }
        channel.waitForConfirmsOrDie(config.publisher().confirmTimeout().toMillis());
        confirmTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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

    private boolean openChannel() {
        closeQuietly();
        try {
            connection = PublisherConnections.open(broker, "collector-service/publisher");
            channel = connection.createChannel();
            channel.confirmSelect();
            Topologies.declareOutputs(channel);
            connected = true;
            if (lastError != null) {
                LOG.infof("[rabbitmq] publisher reconnected to %s; %d messages buffered", broker.describe(),
                        buffer.size());
            }
            lastError = null;
            return true;
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!error.equals(lastError)) {
                LOG.warnf("[rabbitmq] cannot connect to %s (%s); buffering, %d messages waiting", broker.describe(),
                        error, buffer.size());
            }
            lastError = error;
            closeQuietly();
            return false;
        }
    }

    private void closeQuietly() {
        connected = false;
        try {
            if (connection != null) {
                connection.abort(2_000);
            }
        } catch (Exception ignored) {
            // the connection is being discarded anyway
        }
        connection = null;
        channel = null;
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
