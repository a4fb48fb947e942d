package io.marketdata.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.marketdata.contracts.Json;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays collector-service on the test control queue of the real broker: every request is recorded
 * (body and properties) and answered {@code success: true} to its {@code reply_to}.
 */
public final class StandInCollector implements AutoCloseable {

    public static final String QUEUE = "futures_collector_control.gateway-test";

    public record Received(JsonNode body, AMQP.BasicProperties properties) {
    }

    private final Connection connection;
    private final Channel channel;
    public final List<Received> requests = new CopyOnWriteArrayList<>();

    public StandInCollector() throws Exception {
        connection = TestBroker.settings().open("gateway-test-stand-in-collector");
        channel = connection.createChannel();
        channel.queueDeclare(QUEUE, false, false, false, null);
        channel.queuePurge(QUEUE);
        channel.basicConsume(QUEUE, true, (tag, delivery) -> {
            JsonNode request = Json.MAPPER.readTree(delivery.getBody());
            requests.add(new Received(request, delivery.getProperties()));
            ObjectNode r = Json.MAPPER.createObjectNode();
            r.put("correlation_id", request.path("correlation_id").asText());
            r.put("command", request.path("command").asText());
            r.put("success", true);
            r.put("message", "ok");
            channel.basicPublish("", delivery.getProperties().getReplyTo(), new AMQP.BasicProperties.Builder()
                    .correlationId(delivery.getProperties().getCorrelationId()).contentType("application/json").build(),
                    Json.toBytes(r));
        }, tag -> { });
    }

    @Override
    public void close() throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.queueDelete(QUEUE);
        }
        connection.close();
    }
}
