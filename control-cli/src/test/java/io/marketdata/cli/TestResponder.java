package io.marketdata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.marketdata.contracts.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A stand-in collector on a real RabbitMQ: declares a test-only control queue (exclusive,
 * auto-delete) and, when started, answers each request with the replies its handler builds,
 * published to the request's {@code reply_to} the way the collector does.
 */
final class TestResponder implements AutoCloseable {

    /** One reply: its AMQP correlation_id property (null for none) and its body. */
    record Reply(String correlationIdProperty, String body) {
    }

    /** A received request: its properties and body. */
    record Received(AMQP.BasicProperties properties, byte[] body) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }
    }

    static String host() {
        return env("RABBITMQ_HOST", "localhost");
    }

    static int port() {
        return Integer.parseInt(env("RABBITMQ_PORT", "5672"));
    }

    static String user() {
        return env("RABBITMQ_USERNAME", "guest");
    }

    static String password() {
        return env("RABBITMQ_PASSWORD", "guest");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    final String queue = "control-cli-test-" + UUID.randomUUID();
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Connection connection;
    private final Channel channel;

    TestResponder() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host());
        factory.setPort(port());
        factory.setUsername(user());
        factory.setPassword(password());
        connection = factory.newConnection("control-cli-test-responder");
        channel = connection.createChannel();
        channel.queueDeclare(queue, false, true, true, null);
    }

    /** Answers every request with {@code handler(request)}. */
    TestResponder answering(Function<JsonNode, List<Reply>> handler) throws IOException {
        channel.basicConsume(queue, true, (tag, delivery) -> {
            received.add(new Received(delivery.getProperties(), delivery.getBody()));
            JsonNode request = Json.MAPPER.readTree(delivery.getBody());
            String replyTo = delivery.getProperties().getReplyTo();
            for (Reply reply : handler.apply(request)) {
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .contentType("application/json")
                        .correlationId(reply.correlationIdProperty())
                        .build();
                channel.basicPublish("", replyTo, properties, reply.body().getBytes(StandardCharsets.UTF_8));
            }
        }, tag -> {
        });
        return this;
    }

    /** Takes the request left in the queue when nobody consumed it. */
    /** Messages waiting in the queue, without consuming them. */
    long waiting() throws IOException {
        return channel.messageCount(queue);
    }

    Received takeUnconsumed() throws IOException {
        var response = channel.basicGet(queue, true);
        return response == null ? null : new Received(response.getProps(), response.getBody());
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    /** A reply correlated like the collector does it: property and body field. */
    static Reply correlated(JsonNode request, String bodyTemplate) {
        String correlationId = request.get("correlation_id").asText();
        return new Reply(correlationId, bodyTemplate.replace("$CID", correlationId).replace('\'', '"'));
    }
}
