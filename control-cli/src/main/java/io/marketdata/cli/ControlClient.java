package io.marketdata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.ShutdownSignalException;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.control.ControlOutcome;
import io.marketdata.contracts.control.ControlRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one request to the control queue and waits for its answer, RPC style over RabbitMQ's
 * direct reply-to: the reply pseudo-queue is consumed (auto-ack) on the publishing channel
 * before the request goes out with {@code reply_to = amq.rabbitmq.reply-to}. The request is
 * published mandatory and with publisher confirms, so a missing control queue comes back as a
 * basic.return before the confirm, and is reported at once instead of after the timeout.
 */
public final class ControlClient {

    /** RabbitMQ's direct reply-to pseudo-queue. */
    public static final String DIRECT_REPLY_TO = "amq.rabbitmq.reply-to";
    private static final int PERSISTENT = 2;
    private static final long CLOSE_TIMEOUT_MILLIS = 2_000;

    private final AmqpSettings broker;

    public ControlClient(AmqpSettings broker) {
        this.broker = broker;
    }

    /**
     * Publishes {@code request} to {@code queue} through the default exchange and waits up to
     * {@code timeout} (connecting included) for the answer carrying the same correlation id;
     * answers with another correlation id are counted and ignored.
     */
    public ControlOutcome call(String queue, ControlRequest request, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectionFactory factory = connectionFactory(timeout);
        Connection connection;
        try {
            connection = factory.newConnection("control-cli");
        } catch (AuthenticationFailureException e) {
            return new ControlOutcome.BrokerUnavailable("RabbitMQ refused the login of user " + broker.username()
                    + " at " + broker.host() + ":" + broker.port() + " (check --user/--password)");
        } catch (IOException | TimeoutException e) {
            return new ControlOutcome.BrokerUnavailable("cannot connect to RabbitMQ at " + broker.describe() + ": "
                    + describe(e));
        }
        try {
            return exchange(connection, queue, request, deadline, timeout);
        } finally {
            closeQuietly(connection);
        }
    }

    private ControlOutcome exchange(Connection connection, String queue, ControlRequest request, long deadline,
            Duration timeout) {
        String correlationId = request.correlationId();
        CompletableFuture<ControlOutcome> outcome = new CompletableFuture<>();
        AtomicInteger foreign = new AtomicInteger();
        try {
            Channel channel = connection.createChannel();
            channel.addShutdownListener(cause -> {
                if (!cause.isInitiatedByApplication()) {
                    outcome.complete(new ControlOutcome.BrokerUnavailable(
                            "RabbitMQ closed the connection: " + describe(cause)));
                }
            });
            channel.addReturnListener(returned -> {
                if (correlationId.equals(returned.getProperties().getCorrelationId())) {
                    outcome.complete(new ControlOutcome.QueueMissing(queue));
                }
            });
            channel.confirmSelect();
            channel.basicConsume(DIRECT_REPLY_TO, true, (consumerTag, delivery) -> {
                if (correlationId.equals(correlationIdOf(delivery))) {
                    outcome.complete(new ControlOutcome.Answered(delivery.getBody(), foreign.get()));
                } else {
                    foreign.incrementAndGet();
                }
            }, consumerTag -> outcome.complete(new ControlOutcome.BrokerUnavailable(
                    "RabbitMQ cancelled the reply consumer")));

            channel.basicPublish("", queue, true, properties(request, timeout), Json.toBytes(request));
            channel.waitForConfirmsOrDie(Math.max(1, remainingMillis(deadline)));
            return outcome.get(Math.max(0, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return outcome.getNow(new ControlOutcome.TimedOut(timeout, foreign.get()));
        } catch (ShutdownSignalException e) {
            return outcome.getNow(new ControlOutcome.BrokerUnavailable("RabbitMQ closed the channel: " + describe(e)));
        } catch (IOException e) {
            return outcome.getNow(new ControlOutcome.BrokerUnavailable("RabbitMQ failed the request: " + describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ControlOutcome.TimedOut(timeout, foreign.get());
        } catch (ExecutionException e) {
            return new ControlOutcome.BrokerUnavailable(describe(e.getCause()));
        }
    }

    /**
     * The request's properties. It expires with the caller's timeout: {@code expiration} lets the
     * broker drop it while queued, {@value Topology#CONTROL_EXPIRES_AT_HEADER} (epoch ms) lets the
     * collector drop it when it arrives too late, so a request nobody waits for is never executed.
     */
    static AMQP.BasicProperties properties(ControlRequest request, Duration timeout) {
        long timeoutMillis = Math.max(1, timeout.toMillis());
        return new AMQP.BasicProperties.Builder()
                .contentType(Topology.CONTENT_TYPE)
                .contentEncoding("utf-8")
                .messageId(UUID.randomUUID().toString())
                .correlationId(request.correlationId())
                .timestamp(new Date(request.timestamp() * 1_000L))
                .headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION,
                        Topology.CONTROL_EXPIRES_AT_HEADER, System.currentTimeMillis() + timeoutMillis))
                .expiration(Long.toString(timeoutMillis))
                .deliveryMode(PERSISTENT)
                .replyTo(DIRECT_REPLY_TO)
                .appId("control-cli")
                .build();
    }

    /** The correlation id of an answer: its AMQP property, else the body's field. */
    static String correlationIdOf(Delivery delivery) {
        String property = delivery.getProperties().getCorrelationId();
        if (property != null) {
            return property;
        }
        try {
            JsonNode body = Json.MAPPER.readTree(delivery.getBody());
            JsonNode field = body == null ? null : body.get("correlation_id");
            return field != null && field.isTextual() ? field.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private ConnectionFactory connectionFactory(Duration timeout) {
        ConnectionFactory factory = broker.connectionFactory();
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        factory.setConnectionTimeout(timeoutMillis);
        factory.setHandshakeTimeout(timeoutMillis);
        factory.setShutdownTimeout(0);
        return factory;
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close((int) CLOSE_TIMEOUT_MILLIS);
        } catch (IOException | RuntimeException e) {
            connection.abort();
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof ShutdownSignalException signal) {
            if (signal.getReason() instanceof AMQP.Connection.Close close) {
                return close.getReplyText();
            }
            if (signal.getReason() instanceof AMQP.Channel.Close close) {
                return close.getReplyText();
            }
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName()
                : message + (cause == error ? "" : " (" + cause.getClass().getSimpleName() + ")");
    }
}
