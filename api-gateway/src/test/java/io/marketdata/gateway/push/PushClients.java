package io.marketdata.gateway.push;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.marketdata.cli.AmqpSettings;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/** A publisher on the test vhost, a WebSocket client collecting frames, and valid message bodies. */
final class PushClients {

    private PushClients() {
    }

    /** Publishes with the properties every producer sets, waiting for the broker's confirm. */
    static final class Bus implements AutoCloseable {
        private final Connection connection;
        private final Channel channel;

        Bus() throws Exception {
            connection = new AmqpSettings("localhost", 5672, "guest", "guest", "marketdata_test").open("api-gateway-tests");
            channel = connection.createChannel();
            channel.confirmSelect();
            channel.exchangeDeclare(Topology.ANALYTICS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
            channel.exchangeDeclare(Topology.TOKEN_EVENTS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        }

        void publish(String exchange, String routingKey, byte[] body) throws Exception {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType(Topology.CONTENT_TYPE)
                    .messageId(UUID.randomUUID().toString()).correlationId("test-" + UUID.randomUUID())
                    .timestamp(new java.util.Date()).headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION))
                    .build();
            channel.basicPublish(exchange, routingKey, props, body);
            channel.waitForConfirmsOrDie(10_000);
        }

        /** A body the test claims is valid is checked against its schema first. */
        void publishValid(String exchange, String routingKey, MessageType type, JsonNode body) throws Exception {
            assertEquals(List.of(), SchemaValidator.get().validate(type, body), "test body must be valid");
            publish(exchange, routingKey, Json.toBytes(body));
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    /** A WebSocket client keeping every frame it gets, parsed, and how it was closed. */
    static final class Client implements AutoCloseable {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        volatile CloseReason closed;
        private final WebSocketClientConnection connection;

        Client(URI base, String path) {
            connection = BasicWebSocketConnector.create().baseUri(base).path(path)
                    .onTextMessage((c, text) -> frames.add(parse(text)))
                    .onClose((c, reason) -> closed = reason)
                    .connectAndAwait();
        }

        /** The next frame, whatever it is. */
        JsonNode next() {
            return await().until(frames::poll, Objects::nonNull);
        }

        /** The first frame matching, skipping others (other tests publish on the shared vhost too). */
        JsonNode nextMatching(Predicate<JsonNode> wanted) {
            return await().until(() -> {
                JsonNode f;
                while ((f = frames.poll()) != null) {
                    if (wanted.test(f)) {
                        return f;
                    }
                }
                return null;
            }, Objects::nonNull);
        }

        @Override
        public void close() {
            if (connection.isOpen()) {
                connection.closeAndAwait();
            }
        }
    }

    static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code T<digits>USDT}: a book no other test uses. */
    static String randomSymbol() {
        return "T" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000) + "USDT";
    }

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    static String randomMint() {
        StringBuilder b = new StringBuilder(44);
        for (int i = 0; i < 44; i++) {
            b.append(BASE58.charAt(RANDOM.nextInt(BASE58.length())));
        }
        return b.toString();
    }

    private static final double[] DEPTHS = {1.5, 3, 5, 8, 15, 30};

    /** A {@code depth.*} body for {@code BASE/USDT(:USDT)} with bid {@code bid}. */
    static ObjectNode depthBody(String exchange, String market, String routingSymbol, double bid) {
        String base = routingSymbol.substring(0, routingSymbol.length() - 4);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("exchange", exchange);
        body.put("market", market);
        body.put("symbol", base + "/USDT" + (market.equals("futures") ? ":USDT" : ""));
        body.put("timestamp", System.currentTimeMillis());
        body.put("best_bid", bid);
        body.put("best_ask", bid + 0.5);
        body.put("mid", bid + 0.25);
        body.put("spread", 0.5);
        ArrayNode bands = body.putArray("bands");
        for (double d : DEPTHS) {
            ObjectNode band = bands.addObject();
            band.put("depth", d);
            band.put("bid_volume", 10 * d);
            band.put("ask_volume", 8 * d);
            band.put("bid_value_usd", 10 * d * bid);
            band.put("ask_value_usd", 8 * d * bid);
            band.put("diff", 2 * d * bid);
            band.put("percentage", 11.11);
        }
        return body;
    }

    static ObjectNode indexBody(String name, String market, int symbolCount) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", name);
        body.put("market", market);
        body.put("timestamp", System.currentTimeMillis());
        body.put("symbol_count", symbolCount);
        ArrayNode bands = body.putArray("bands");
        for (double d : DEPTHS) {
            ObjectNode band = bands.addObject();
            band.put("depth", d);
            band.put("bid_value_usd", 1000 * d);
            band.put("ask_value_usd", 900 * d);
            band.put("diff", 100 * d);
            band.put("percentage", 5.26);
        }
        return body;
    }

    static ObjectNode scoreBody(String mint, double smoothed) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("mint", mint);
        body.put("model", "hybrid_momentum");
        body.put("score", smoothed + 0.05);
        body.put("smoothed_score", smoothed);
        body.putObject("raw_components").put("tx_accel", 0.8).put("vol_momentum", 0.6);
        body.putObject("smoothed_components").put("tx_accel", 0.7).put("vol_momentum", 0.5);
        body.put("data_quality", "ok");
        body.put("scored_at", System.currentTimeMillis());
        return body;
    }

    static ObjectNode statusBody(String mint, String from, String to) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("mint", mint);
        body.put("old_status", from);
        body.put("new_status", to);
        body.put("reason", "score above activation threshold");
        body.put("changed_at", System.currentTimeMillis());
        return body;
    }
}
