package io.marketdata.scoring.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import io.marketdata.cli.AmqpSettings;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.Topology;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An AMQP client in the test vhost: publishes token events with confirms and captures what the service publishes. */
public final class TestBus implements AutoCloseable {

    public static final String VHOST = "marketdata_test";

    private final Connection connection;
    private final Channel channel;

    public TestBus() {
        try {
            connection = new AmqpSettings("localhost", 5672, "guest", "guest", VHOST).open("scoring-tests");
            channel = connection.createChannel();
            channel.confirmSelect();
            channel.exchangeDeclare(Topology.TOKEN_EVENTS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ not reachable", e);
        }
    }

    /** Publishes to {@code token_events}, persistent, with the properties every producer sets; returns the correlation id. */
    public String publish(String routingKey, byte[] body) {
        String correlationId = "test-" + UUID.randomUUID();
        try {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType(Topology.CONTENT_TYPE).deliveryMode(2)
                    .messageId(UUID.randomUUID().toString()).correlationId(correlationId)
                    .timestamp(new java.util.Date()).headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION))
                    .build();
            channel.basicPublish(Topology.TOKEN_EVENTS_EXCHANGE, routingKey, props, body);
            channel.waitForConfirmsOrDie(10_000);
            return correlationId;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes with the given correlation id (any bytes an AMQP short string can hold). */
    public void publish(String routingKey, byte[] body, String correlationId) {
        try {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType(Topology.CONTENT_TYPE).deliveryMode(2)
                    .messageId(UUID.randomUUID().toString()).correlationId(correlationId)
                    .timestamp(new java.util.Date()).headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION))
                    .build();
            channel.basicPublish(Topology.TOKEN_EVENTS_EXCHANGE, routingKey, props, body);
            channel.waitForConfirmsOrDie(10_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ready messages and consumers of an existing queue (passive declare). */
    public com.rabbitmq.client.AMQP.Queue.DeclareOk queueState(String queue) {
        try {
            return channel.queueDeclarePassive(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publish(String routingKey, JsonNode body) {
        return publish(routingKey, Json.toBytes(body));
    }

    public record Received(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        public String routingKey() {
            return envelope.getRoutingKey();
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A server-named exclusive queue bound to {@code token_events} with the given keys, consumed into memory. */
    public BlockingQueue<Received> subscribe(String... bindingKeys) {
        try {
            String queue = channel.queueDeclare().getQueue();
            for (String key : bindingKeys) {
                channel.queueBind(queue, Topology.TOKEN_EVENTS_EXCHANGE, key);
            }
            BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    messages.add(new Received(envelope, properties, body));
                }
            });
            return messages;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first message matching within the timeout (non-matching ones are discarded), or null. */
    public static Received await(BlockingQueue<Received> messages, Predicate<Received> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Received r = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (r != null && match.test(r)) {
                    return r;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Every message matching that is already in the queue (the rest are discarded). */
    public static List<Received> drain(BlockingQueue<Received> messages, Predicate<Received> match) {
        List<Received> all = new ArrayList<>();
        messages.drainTo(all);
        return all.stream().filter(match).toList();
    }

    /** {@code score.updated} of this mint. */
    public static Predicate<Received> scoreOf(String mint) {
        return r -> r.routingKey().equals("score.updated") && mint.equals(r.json().path("mint").asText());
    }

    /**
     * Reads the service's own dead-letter queue until a message with this correlation id turns up
     * (other dead letters found on the way are consumed: the queue belongs to these tests' service).
     */
    public GetResponse deadLetter(String queue, String correlationId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                GetResponse r = channel.basicGet(queue, true);
                if (r == null) {
                    Thread.sleep(100);
                } else if (correlationId.equals(r.getProps().getCorrelationId())) {
                    return r;
                }
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Drops the ready messages of a consuming queue these tests own, declared first with the arguments
     * the service's connector gives it (application.properties, {@code token-events}): the same ones,
     * or the broker refuses the declaration (406), and bound to {@code token_events}.
     */
    public void purge(String queue) {
        try {
            String dlq = Topology.deadLetterQueue(queue);
            channel.exchangeDeclare(Topology.DEAD_LETTER_EXCHANGE, BuiltinExchangeType.DIRECT, true);
            channel.queueDeclare(dlq, true, false, false, null);
            channel.queueBind(dlq, Topology.DEAD_LETTER_EXCHANGE, queue);
            channel.queueDeclare(queue, true, false, false, Map.of("x-dead-letter-exchange", Topology.DEAD_LETTER_EXCHANGE,
                    "x-dead-letter-routing-key", queue));
            // bound as lifecycle (the producer) binds it at its start: on a fresh broker the test's first
            // publish must not go nowhere while the consumer is disabled (ConsumerDisabledTest)
            for (String key : Topology.SCORING_TOKEN_EVENTS_BINDINGS) {
                channel.queueBind(queue, Topology.TOKEN_EVENTS_EXCHANGE, key);
            }
            channel.queuePurge(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception ignored) {
            // test teardown
        }
    }
}
