package io.marketdata.collector.control;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.marketdata.collector.publish.MarketDataPublisher;
import io.marketdata.collector.publish.RabbitConnectionFactory;
import io.marketdata.collector.publish.Topologies;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.control.ControlResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes {@code futures_collector_control} one request at a time and answers on
 * {@code futures_collector_responses} ({@code control.response.<command>}) and, when the request
 * has {@code reply_to}, on that queue too. A request is acknowledged only after its responses were
 * confirmed by the broker; a redelivered request (same correlation id) gets the response it already
 * had instead of being executed twice.
 */
@ApplicationScoped
public class ControlListener {

    private static final Logger LOG = Logger.getLogger(ControlListener.class);
    private static final int REMEMBERED_RESPONSES = 1000;

    @Inject
    RabbitConnectionFactory connections;
    @Inject
    ControlHandler handler;
    @Inject
    MeterRegistry registry;

    private final Map<String, byte[]> answered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > REMEMBERED_RESPONSES;
        }
    };
    private volatile Connection connection;
    private volatile boolean consuming;
    private ScheduledExecutorService connector;

    void onStart(@Observes @Priority(40) StartupEvent event) {
        connector = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "control-connect"));
        connector.execute(this::connect);
    }

    /** Connects (retrying every 2 s until it works); afterwards the client's auto-recovery takes over. */
    private void connect() {
        try {
            Connection c = connections.open("control", true);
            Channel channel = c.createChannel();
            Topologies.declareControl(channel);
            channel.confirmSelect();
            channel.basicQos(1);
            channel.basicConsume(Topology.CONTROL_QUEUE, false, "collector-control", new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                        throws IOException {
                    onRequest(getChannel(), envelope, properties, body);
                }
            });
            connection = c;
            consuming = true;
            LOG.infof("[control] consuming %s", Topology.CONTROL_QUEUE);
        } catch (Exception e) {
            LOG.warnf("[control] cannot consume %s yet (%s); retrying in 2 s", Topology.CONTROL_QUEUE, e.getMessage());
            connector.schedule(this::connect, 2, TimeUnit.SECONDS);
        }
    }

    void onRequest(Channel channel, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
        byte[] previous = envelope.isRedeliver() ? previousAnswer(properties, body) : null;
        ControlResponse response = previous != null ? Json.fromBytes(previous, ControlResponse.class) : handler.handle(body);
        String correlationId = response.correlationId() != null ? response.correlationId() : properties.getCorrelationId();
        MDC.put("correlation_id", correlationId == null ? "" : correlationId);
        try {
            byte[] payload = previous != null ? previous : Json.toBytes(withCorrelation(response, correlationId));
            if (correlationId != null) {
                synchronized (answered) {
                    answered.put(correlationId, payload);
                }
            }
            String command = response.command() == null ? "unknown" : response.command();
            AMQP.BasicProperties reply = MarketDataPublisher.properties(correlationId);
            channel.basicPublish(Topology.CONTROL_RESPONSES_EXCHANGE, Topology.controlResponseKey(command), reply, payload);
            if (properties.getReplyTo() != null && !properties.getReplyTo().isBlank()) {
                channel.basicPublish("", properties.getReplyTo(), reply, payload);
            }
            channel.waitForConfirmsOrDie(5_000);
            channel.basicAck(envelope.getDeliveryTag(), false);
            registry.counter("collector_control_commands_total", "command", command,
                    "outcome", response.success() ? "ok" : response.error()).increment();
            LOG.infof("[control] %s -> %s%s", command, response.success() ? "ok" : response.error(),
                    response.success() ? "" : " (" + response.message() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.basicNack(envelope.getDeliveryTag(), false, true);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warnf("[control] response not confirmed in time; the request will be redelivered");
            channel.basicNack(envelope.getDeliveryTag(), false, true);
        } finally {
            MDC.remove("correlation_id");
        }
    }

    /** The response already given to a redelivered request, so it is not executed twice. */
    private byte[] previousAnswer(AMQP.BasicProperties properties, byte[] body) {
        String correlationId = properties.getCorrelationId();
        if (correlationId == null) {
            try {
                com.fasterxml.jackson.databind.JsonNode node = Json.MAPPER.readTree(body);
                correlationId = node != null && node.path("correlation_id").isTextual()
                        ? node.get("correlation_id").textValue() : null;
            } catch (IOException e) {
                return null;
            }
        }
        if (correlationId == null) {
            return null;
        }
        synchronized (answered) {
            return answered.get(correlationId);
        }
    }

    /** The response carries the request's correlation id also when only the AMQP property had it. */
    private static ControlResponse withCorrelation(ControlResponse response, String correlationId) {
        if (response.correlationId() != null || correlationId == null) {
            return response;
        }
        return new ControlResponse(correlationId, response.success(), response.command(), response.message(),
                response.data(), response.error(), response.timestamp());
    }

    public boolean consuming() {
        return consuming && connection != null && connection.isOpen();
    }

    void onStop(@Observes @Priority(5) ShutdownEvent event) {
        if (connector != null) {
            connector.shutdownNow();
        }
        consuming = false;
        if (connection != null) {
            try {
                connection.close(2_000);
            } catch (Exception e) {
                LOG.debugf("[control] close: %s", e.getMessage());
            }
        }
    }
}
