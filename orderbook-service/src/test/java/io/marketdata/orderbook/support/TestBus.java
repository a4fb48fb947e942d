package io.marketdata.orderbook.support;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import io.marketdata.cli.AmqpSettings;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.Topology;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An AMQP client in the test vhost: publish market data with confirms, and capture what comes out. */
public final class TestBus implements AutoCloseable {

    public static final String VHOST = "marketdata_test";

    private final Connection connection;
    private final Channel channel;

    public TestBus() {
        try {
            connection = new AmqpSettings("localhost", 5672, "guest", "guest", VHOST).open("orderbook-tests");
            channel = connection.createChannel();
            channel.confirmSelect();
            channel.exchangeDeclare(Topology.MARKET_DATA_EXCHANGE, BuiltinExchangeType.TOPIC, true);
            channel.exchangeDeclare(Topology.ANALYTICS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ not reachable", e);
        }
    }

    /** Publishes persistent, with the properties every producer sets, and waits for the confirm. */
    public void publish(String routingKey, byte[] body) {
        try {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType(Topology.CONTENT_TYPE).deliveryMode(2)
                    .messageId(UUID.randomUUID().toString()).correlationId("test-" + UUID.randomUUID())
                    .timestamp(new java.util.Date()).headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION))
                    .build();
            channel.basicPublish(Topology.MARKET_DATA_EXCHANGE, routingKey, props, body);
            channel.waitForConfirmsOrDie(10_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes many bodies on one key, persistent, then waits once for all the confirms. */
    public void publishAll(String routingKey, java.util.List<byte[]> bodies) {
        try {
            for (byte[] body : bodies) {
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType(Topology.CONTENT_TYPE).deliveryMode(2)
                        .messageId(UUID.randomUUID().toString()).correlationId("test-" + UUID.randomUUID())
                        .headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION)).build();
                channel.basicPublish(Topology.MARKET_DATA_EXCHANGE, routingKey, props, body);
            }
            channel.waitForConfirmsOrDie(60_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public record Received(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        public String routingKey() {
            return envelope.getRoutingKey();
        }
    }

    /** A server-named exclusive queue bound with the given keys, consumed into memory. */
    public BlockingQueue<Received> subscribe(String exchange, String... bindingKeys) {
        try {
            String queue = channel.queueDeclare().getQueue();
            for (String key : bindingKeys) {
                channel.queueBind(queue, exchange, key);
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

    /** The first message matching within the timeout (earlier ones are discarded), or null. */
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

    /** Takes one message from a queue (e.g. a dead-letter queue), waiting up to the timeout. */
    public GetResponse get(String queue, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                GetResponse r = channel.basicGet(queue, true);
                if (r != null) {
                    return r;
                }
                Thread.sleep(100);
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public long messageCount(String queue) {
        try {
            return channel.messageCount(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a queue so a service declares it afresh (no backlog of an earlier run). */
    public void deleteQueue(String queue) {
        try {
            channel.queueDelete(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void purge(String queue) {
        try {
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
