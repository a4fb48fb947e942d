package io.marketdata.lifecycle.support;

import static org.awaitility.Awaitility.await;

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
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.token.TokenStatusChanged;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An AMQP client in the test vhost: publishes on {@code token_events} with confirms, records every
 * {@code token.status_changed} from a queue of its own, and reads dead-letter queues.
 */
public final class TestBus implements AutoCloseable {

    public static final String VHOST = "marketdata_test";

    /** A received message. */
    public record Received(String routingKey, AMQP.BasicProperties properties, byte[] body) {

        public TokenStatusChanged statusChanged() {
            try {
                return Json.fromBytes(body, TokenStatusChanged.class);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Connection connection;
    private final Channel channel;
    private final List<Received> statusEvents = new CopyOnWriteArrayList<>();

    public TestBus() {
        try {
            connection = new AmqpSettings("localhost", 5672, "guest", "guest", VHOST).open("lifecycle-tests");
            channel = connection.createChannel();
            channel.confirmSelect();
            channel.exchangeDeclare(Topology.TOKEN_EVENTS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
            // server-named, exclusive: gone with this connection
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_STATUS_CHANGED);
            Channel consuming = connection.createChannel();
            consuming.basicConsume(queue, true, new DefaultConsumer(consuming) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    statusEvents.add(new Received(envelope.getRoutingKey(), properties, body));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ not reachable (vhost " + VHOST + ")", e);
        }
    }

    /** Publishes persistent with the properties every producer sets, and waits for the confirm. */
    public synchronized void publish(String routingKey, byte[] body, String correlationId) {
        try {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType(Topology.CONTENT_TYPE).deliveryMode(2)
                    .messageId(UUID.randomUUID().toString()).correlationId(correlationId).timestamp(new java.util.Date())
                    .headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION)).build();
            channel.basicPublish(Topology.TOKEN_EVENTS_EXCHANGE, routingKey, props, body);
            channel.waitForConfirmsOrDie(10_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void publish(String routingKey, Object record) {
        publish(routingKey, Msg.bytes(record), "test-" + UUID.randomUUID());
    }

    /** Every {@code token.status_changed} of a mint received so far, in order. */
    public List<Received> statusEvents(String mint) {
        List<Received> mine = new ArrayList<>();
        for (Received r : statusEvents) {
            if (r.statusChanged().mint().equals(mint)) {
                mine.add(r);
            }
        }
        return mine;
    }

    /** Waits for the mint's status event matching {@code match}. */
    public Received awaitStatusEvent(String mint, Predicate<TokenStatusChanged> match) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> statusEvents(mint).stream().filter(r -> match.test(r.statusChanged())).findFirst().orElse(null),
                r -> r != null);
    }

    /** Takes every message currently in a queue (e.g. a dead-letter queue of this service). */
    public synchronized List<GetResponse> drain(String queue) {
        try {
            List<GetResponse> all = new ArrayList<>();
            GetResponse r;
            while ((r = channel.basicGet(queue, true)) != null) {
                all.add(r);
            }
            return all;
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
