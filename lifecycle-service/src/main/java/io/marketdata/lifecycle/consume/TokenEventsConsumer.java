package io.marketdata.lifecycle.consume;

import com.rabbitmq.client.AMQP;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.amqp.AmqpSettings;
import io.marketdata.contracts.amqp.QueueConsumer;
import io.marketdata.contracts.amqp.RejectedMessage;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.contracts.token.TokenCreated;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.lifecycle.config.LifecycleConfig;
import io.marketdata.lifecycle.tokens.LifecycleService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes {@code token.created}, {@code token.metrics} and {@code score.updated} from the durable
 * queue {@code lifecycle.consumer.queue} (dead-lettering into {@code <queue>.dlq}) with the shared
 * {@link QueueConsumer}: one message at a time, acknowledged after its transaction committed. A body
 * that is not JSON or breaks its schema is dead-lettered with the reason; a database failure is
 * retried with back-off.
 */
@ApplicationScoped
public class TokenEventsConsumer {

    private static final Logger LOG = Logger.getLogger(TokenEventsConsumer.class);
    public static final List<String> BINDINGS =
            List.of(RoutingKeys.TOKEN_CREATED, RoutingKeys.TOKEN_METRICS, RoutingKeys.SCORE_UPDATED);

    @Inject
    LifecycleService service;
    @Inject
    LifecycleConfig config;
    @Inject
    AmqpSettings amqp;
    @Inject
    MeterRegistry registry;

    private volatile QueueConsumer consumer;

    void start(@Observes @Priority(200) StartupEvent event) {
        if (!config.consumer().enabled()) {
            LOG.info("consumer disabled (lifecycle.consumer.enabled=false)");
            return;
        }
        QueueConsumer c = new QueueConsumer(amqp, "lifecycle-service/consumer", config.consumer().queue(),
                Topology.TOKEN_EVENTS_EXCHANGE, BINDINGS, config.consumer().prefetch(), this::handle);
        FunctionCounter.builder("lifecycle.messages.handled", c, QueueConsumer::handled)
                .description("Messages handled and acknowledged (including ignored ones)").register(registry);
        FunctionCounter.builder("lifecycle.messages.dead_lettered", c, QueueConsumer::deadLettered)
                .description("Messages sent to the dead-letter queue (not JSON, schema violation)").register(registry);
        FunctionCounter.builder("lifecycle.messages.retried", c, QueueConsumer::retried)
                .description("Transient handling failures (database down); each requeued with back-off").register(registry);
        consumer = c;
        c.start();
    }

    void stop(@Observes @Priority(100) ShutdownEvent event) {
        QueueConsumer c = consumer;
        if (c != null) {
            c.close();
        }
    }

    /** One delivery: see the class comment. */
    void handle(String routingKey, AMQP.BasicProperties props, byte[] body) throws Exception {
        String correlationId = props == null ? null : props.getCorrelationId();
        MDC.put("correlation_id", correlationId == null ? "" : correlationId);
        try {
            switch (routingKey) {
                case RoutingKeys.TOKEN_CREATED ->
                        service.tokenCreated(Messages.decode(MessageType.TOKEN_CREATED, TokenCreated.class, body), correlationId);
                case RoutingKeys.TOKEN_METRICS ->
                        service.tokenMetrics(Messages.decode(MessageType.TOKEN_METRICS, TokenMetrics.class, body), correlationId);
                case RoutingKeys.SCORE_UPDATED ->
                        service.scoreUpdated(Messages.decode(MessageType.SCORE_UPDATED, ScoreUpdated.class, body), correlationId);
                default -> throw new RejectedMessage("unexpected routing key '" + routingKey + "'");
            }
        } finally {
            MDC.remove("correlation_id");
        }
    }

    /** True while deliveries flow (or when consuming is switched off). */
    public boolean consuming() {
        QueueConsumer c = consumer;
        return c != null && c.consuming();
    }

    public boolean enabled() {
        return config.consumer().enabled();
    }

    /** The running consumer, null when disabled. */
    public QueueConsumer consumer() {
        return consumer;
    }
}
