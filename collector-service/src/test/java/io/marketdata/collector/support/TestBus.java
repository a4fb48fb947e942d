package io.marketdata.collector.support;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.marketdata.contracts.Topology;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A plain AMQP client in the test vhost: bind queues to exchanges and read what arrives. */
public final class TestBus implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    public TestBus() {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost("localhost");
            factory.setVirtualHost(TestInfra.VHOST);
            connection = factory.newConnection("collector-tests");
            channel = connection.createChannel();
            channel.exchangeDeclare(Topology.MARKET_DATA_EXCHANGE, BuiltinExchangeType.TOPIC, true);
            channel.exchangeDeclare(Topology.CONTROL_RESPONSES_EXCHANGE, BuiltinExchangeType.TOPIC, true);
            channel.exchangeDeclare(Topology.TOKEN_EVENTS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ not reachable", e);
        }
    }

    public record Received(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        public String routingKey() {
            return envelope.getRoutingKey();
        }
    }

    /** A server-named exclusive queue bound with the given keys, consumed into memory. */
    public Subscription subscribe(String exchange, String... bindingKeys) {
        try {
            String queue = channel.queueDeclare().getQueue();
            for (String key : bindingKeys) {
                channel.queueBind(queue, exchange, key);
            }
            Subscription subscription = new Subscription(queue);
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    subscription.messages.add(new Received(envelope, properties, body));
                }
            });
            return subscription;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception ignored) {
            // test teardown
        }
    }

    public static final class Subscription {
        final String queue;
        final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();

        Subscription(String queue) {
            this.queue = queue;
        }

        public String queue() {
            return queue;
        }

        /** The first message matching, waiting up to {@code timeout}; messages before it are discarded. */
        public Received await(Predicate<Received> match, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    long left = deadline - System.nanoTime();
                    Received next = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        throw new AssertionError("no matching message within " + timeout);
                    }
                    if (match.test(next)) {
                        return next;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** Everything received during {@code window}. */
        public List<Received> collect(Duration window) {
            List<Received> out = new ArrayList<>();
            long deadline = System.nanoTime() + window.toNanos();
            try {
                while (true) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return out;
                    }
                    Received next = messages.poll(left, TimeUnit.NANOSECONDS);
                    if (next != null) {
                        out.add(next);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
        }

        public void clear() {
            messages.clear();
        }
    }
}
