package io.marketdata.orderbook.consume;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.marketdata.contracts.Topology;
import io.marketdata.messaging.BrokerSettings;
import io.marketdata.messaging.SchemaMigration;
import io.marketdata.orderbook.book.InvalidMessageException;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.history.HistoryStore;
import io.marketdata.orderbook.history.OpenMinute;
import io.marketdata.orderbook.publish.AnalyticsPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes {@code futures.#} and {@code spot.#} from the service's durable queue (with its
 * dead-letter queue) on one channel and thread, feeds {@link BookPipeline}, and cuts checkpoints
 * every {@code checkpoint.interval} or {@code checkpoint.max-messages}. The RabbitMQ Java client is
 * used directly (not the SmallRye connector) for batched multiple-acks after a durable write: the
 * one documented exception of issue 12, confined to this package (README, "Why a raw consumer").
 * Bad messages go out through {@link DeadLetterPublisher} without blocking this thread, and
 * {@link Settlements} keeps every acknowledgement behind its durable effect or confirmed dead letter.
 */
@ApplicationScoped
public class BookConsumer {

    private static final Logger LOG = Logger.getLogger(BookConsumer.class);

    @Inject
    BookPipeline pipeline;
    @Inject
    CheckpointWriter writer;
    @Inject
    HistoryStore store;
    @Inject
    AnalyticsPublisher publisher;
    private final BrokerSettings rabbit = BrokerSettings.fromConfig();
    @Inject
    OrderbookConfig config;
    @Inject
    DeadLetterPublisher deadLetters;
    @Inject
    SchemaMigration schema;

    private Connection connection;
    private Channel channel;
    private volatile Settlements settlements;
    private String consumerTag;
    private ScheduledExecutorService ticker; // guarded by this
    private Thread connector;
    private volatile boolean consuming;
    private volatile boolean stopping;

    /** After the messaging layer (priority 1000) has connected the emitters this service publishes through. */
    void start(@Observes @Priority(1100) StartupEvent event) throws InterruptedException {
        writer.start(this::ack);
        publisher.start();
        if (!config.consumer().enabled()) {
            LOG.info("consumer disabled (orderbook.consumer.enabled=false)");
            return;
        }
        // PostgreSQL or the broker may not be up yet: restore and attach in the background, "not ready" until then
        connector = new Thread(this::restoreThenAttach, "consumer-connect");
        connector.start();
    }

    /** The open minutes must be known before the first message, so the schema and the database come first. */
    private void restoreThenAttach() {
        try {
            schema.await();
            pipeline.restore(loadOpenMinutes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (stopping) {
                return;
            }
            ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "checkpoint-timer"));
        }
        long interval = config.checkpoint().interval().toMillis();
        ticker.scheduleWithFixedDelay(() -> writer.submit(pipeline.cut()), interval, interval, TimeUnit.MILLISECONDS);
        connectUntilAttached();
    }

    private void connectUntilAttached() {
        long delay = 1_000;
        while (!stopping) {
            try {
                attach();
                return;
            } catch (Exception e) {
                LOG.warnf("RabbitMQ unavailable (%s), retrying in %d ms: %s", rabbit.describe(), delay, e.getMessage());
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                delay = Math.min(delay * 2, 10_000);
            }
        }
    }

    /** The client recovers a lost connection, its channel and consumer itself (every 2 s). */
    private Connection openConnection() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbit.host());
        factory.setPort(rabbit.port());
        factory.setUsername(rabbit.username());
        factory.setPassword(rabbit.password());
        factory.setVirtualHost(rabbit.virtualHost());
        factory.setConnectionTimeout(5_000);
        factory.setRequestedHeartbeat(15);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(2_000);
        return factory.newConnection("orderbook-service/consumer");
    }

    private void attach() throws Exception {
        String queue = config.consumer().queue();
        connection = openConnection();
        channel = connection.createChannel();
        channel.exchangeDeclare(Topology.MARKET_DATA_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        DeadLetterQueues.declareQueueWithDeadLetters(channel, queue);
        channel.queueBind(queue, Topology.MARKET_DATA_EXCHANGE, "futures.#");
        channel.queueBind(queue, Topology.MARKET_DATA_EXCHANGE, "spot.#");
        channel.basicQos(config.consumer().prefetch());
        settlements = new Settlements(channel);
        channel.addShutdownListener(cause -> {
            // the client recovers lost connections itself; a channel closed by a broker error it does not
            if (!stopping && !cause.isHardError() && !cause.isInitiatedByApplication()) {
                LOG.errorf("consumer channel closed by the broker (%s); re-attaching", cause.getMessage());
                consuming = false;
                reattach();
            }
        });
        consumerTag = channel.basicConsume(queue, false, "orderbook-service", new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                onDelivery(envelope, props, body);
            }
        });
        consuming = true;
        LOG.infof("consuming %s (futures.#, spot.#) from %s, prefetch %d, checkpoint every %s or %d messages", queue,
                rabbit.describe(), config.consumer().prefetch(), config.checkpoint().interval(),
                config.checkpoint().maxMessages());
    }

    private void reattach() {
        Connection old = connection;
        connector = new Thread(() -> {
            try {
                if (old != null && old.isOpen()) {
                    old.close(2_000);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debugf("closing the old consumer connection: %s", e.getMessage());
            }
            connectUntilAttached();
        }, "consumer-connect");
        connector.start();
    }

    /** Waits for PostgreSQL at start-up. */
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

    private void onDelivery(Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        String correlationId = props.getCorrelationId();
        if (correlationId != null) {
            MDC.put("correlation_id", correlationId);
        }
        try {
            pipeline.handle(body, correlationId, envelope.getDeliveryTag(), settlements);
        } catch (InvalidMessageException e) {
            deadLetter(envelope, props, body, e.getMessage());
        } catch (RuntimeException e) {
            // a bug must not kill the consumer nor lose the message: park it with the reason
            LOG.errorf(e, "unexpected failure handling %s", envelope.getRoutingKey());
            deadLetter(envelope, props, body, "internal error: " + e);
        } finally {
            MDC.remove("correlation_id");
        }
        if (pipeline.pendingMessages() >= config.checkpoint().maxMessages()) {
            writer.submit(pipeline.cut());
        }
    }

    private void deadLetter(Envelope envelope, AMQP.BasicProperties props, byte[] body, String reason) {
        Settlements current = settlements;
        long tag = envelope.getDeliveryTag();
        // registered as unconfirmed before the checkpoint can cover it: no multiple-ack reaches it until the confirm
        deadLetters.send(current, tag, config.consumer().queue(), envelope.getRoutingKey(), props, body, reason);
        pipeline.settle(tag, current);
    }

    private void ack(Object settlementsOfChannel, long deliveryTag) {
        if (settlementsOfChannel instanceof Settlements s) {
            s.durableUpTo(deliveryTag);
        }
    }

    /** Dead letters still waiting for the broker's confirm (tests, shutdown). */
    public int unconfirmedDeadLetters() {
        Settlements s = settlements;
        return s == null ? 0 : s.unconfirmedCount();
    }

    /**
     * Graceful shutdown, all within {@code checkpoint.shutdown-timeout}: stop deliveries, checkpoint
     * everything handled, write it, acknowledge, close. What is not written by then stays
     * unacknowledged and is redelivered to the next process.
     */
    void stop(@Observes @Priority(100) ShutdownEvent event) {
        long deadline = System.currentTimeMillis() + config.checkpoint().shutdownTimeout().toMillis();
        stopping = true;
        consuming = false;
        try {
            if (channel != null && consumerTag != null && channel.isOpen()) {
                channel.basicCancel(consumerTag);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cancelling the consumer: %s", e.getMessage());
        }
        if (connector != null) {
            connector.interrupt();
        }
        synchronized (this) {
            if (ticker != null) {
                ticker.shutdownNow();
            }
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
            // keep 2 s of the budget for closing the connection
            writer.stop(deadline - 2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (connection != null && connection.isOpen()) {
                connection.close(2_000);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("closing the consumer connection: %s", e.getMessage());
        }
        LOG.infof("stopped: %d open minutes checkpointed for the next start", pipeline.openMinutes());
    }

    public boolean consuming() {
        return consuming && channel != null && channel.isOpen();
    }
}
