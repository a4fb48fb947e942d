package io.marketdata.collector.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import io.marketdata.collector.support.CollectorTestResource;
import io.marketdata.collector.support.TestBus;
import io.marketdata.collector.support.TestInfra;
import io.marketdata.collector.symbols.SymbolRegistry;
import io.marketdata.collector.symbols.SymbolStore;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every control command and error code through the real queue: requests published to
 * {@code futures_collector_control} with {@code reply_to}; responses checked on the reply queue and
 * on {@code futures_collector_responses} ({@code control.response.<command>}), and validated
 * against the control-response schema.
 */
@QuarkusTest
@QuarkusTestResource(value = CollectorTestResource.class, restrictToAnnotatedClass = false)
class ControlQueueTest {

    private static TestBus bus;
    private static TestBus.Subscription replies;
    private static TestBus.Subscription published;

    @Inject
    SymbolRegistry registry;
    @Inject
    SymbolStore store;

    @BeforeAll
    static void connect() {
        bus = new TestBus();
        replies = bus.subscribe(Topology.CONTROL_RESPONSES_EXCHANGE, "no.such.key"); // a private reply queue
        published = bus.subscribe(Topology.CONTROL_RESPONSES_EXCHANGE, "control.response.#");
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    @BeforeEach
    void knownSymbolSet() throws Exception {
        registry.replace(List.of(io.marketdata.contracts.UnifiedSymbol.of("BTC/USDT:USDT"),
                io.marketdata.contracts.UnifiedSymbol.of("ETH/USDT:USDT")));
        replies.clear();
        published.clear();
    }

    @Test
    void addSymbolAddsPersistsAndAnswersOnBothRoutes() throws Exception {
        String id = UUID.randomUUID().toString();
        JsonNode reply = request(id, "{\"command\":\"add_symbol\",\"symbol\":\"SOL/USDT:USDT\",\"correlation_id\":\"" + id
                + "\",\"timestamp\":1730107603}");
        assertTrue(reply.get("success").asBoolean());
        assertEquals("add_symbol", reply.get("command").asText());
        assertEquals(id, reply.get("correlation_id").asText());
        assertEquals("Symbol SOL/USDT:USDT added successfully", reply.get("message").asText());
        assertEquals("SOL/USDT:USDT", reply.at("/data/symbol").asText());
        assertEquals(List.of("BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT:USDT"), strings(reply.at("/data/current_symbols")));
        // persisted, so a restart (which loads from the store) keeps it
        assertEquals(List.of("BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT:USDT"), store.load());

        TestBus.Received onExchange = published.await(m -> id.equals(m.properties().getCorrelationId()),
                Duration.ofSeconds(10));
        assertEquals("control.response.add_symbol", onExchange.routingKey());
        assertEquals(reply, Json.MAPPER.readTree(onExchange.body()));
    }

    @Test
    void lowerCaseSymbolsAreNormalised() throws Exception {
        JsonNode reply = command("add_symbol", "\"symbol\":\"doge/usdt:usdt\"");
        assertTrue(reply.get("success").asBoolean());
        assertEquals("DOGE/USDT:USDT", reply.at("/data/symbol").asText());
    }

    @Test
    void duplicateSymbol() throws Exception {
        JsonNode reply = command("add_symbol", "\"symbol\":\"BTC/USDT:USDT\"");
        assertFailure(reply, "duplicate_symbol", "Symbol BTC/USDT:USDT already exists");
    }

    @Test
    void removeSymbolAndSymbolNotFound() throws Exception {
        JsonNode removed = command("remove_symbol", "\"symbol\":\"ETH/USDT:USDT\"");
        assertTrue(removed.get("success").asBoolean());
        assertEquals(List.of("BTC/USDT:USDT"), strings(removed.at("/data/current_symbols")));
        assertEquals(List.of("BTC/USDT:USDT"), store.load());

        JsonNode again = command("remove_symbol", "\"symbol\":\"ETH/USDT:USDT\"");
        assertFailure(again, "symbol_not_found", "Symbol ETH/USDT:USDT not found");
    }

    @Test
    void setSymbolsReplacesTheListInOrder() throws Exception {
        JsonNode reply = command("set_symbols", "\"symbols\":[\"XRP/USDT:USDT\",\"BTC/USDT:USDT\",\"SOL/USDT:USDT\"]");
        assertTrue(reply.get("success").asBoolean());
        assertEquals(List.of("XRP/USDT:USDT", "BTC/USDT:USDT", "SOL/USDT:USDT"), strings(reply.at("/data/symbols")));
        assertEquals(3, reply.at("/data/count").asInt());
        assertEquals(List.of("XRP/USDT:USDT", "BTC/USDT:USDT", "SOL/USDT:USDT"), store.load());
    }

    @Test
    void getSymbols() throws Exception {
        JsonNode reply = command("get_symbols", null);
        assertTrue(reply.get("success").asBoolean());
        assertEquals("Symbols retrieved successfully", reply.get("message").asText());
        assertEquals(List.of("BTC/USDT:USDT", "ETH/USDT:USDT"), strings(reply.at("/data/symbols")));
        assertEquals(2, reply.at("/data/count").asInt());
    }

    @Test
    void getStatisticsHasTheSeedShape() throws Exception {
        JsonNode reply = command("get_statistics", null);
        assertTrue(reply.get("success").asBoolean());
        JsonNode data = reply.get("data");
        for (String exchange : List.of("binance", "bybit", "bitget", "htx", "gateio")) {
            assertTrue(data.at("/exchange_success/" + exchange).isIntegralNumber(), exchange + " success count");
            assertTrue(data.at("/exchange_errors/" + exchange).isIntegralNumber(), exchange + " error count");
        }
        assertTrue(data.get("rabbitmq_published").isIntegralNumber());
        assertTrue(data.get("rabbitmq_failed").isIntegralNumber());
        assertEquals(0, data.get("rabbitmq_dropped").asLong());
    }

    @Test
    void malformedJsonIsInvalidJson() throws Exception {
        String id = UUID.randomUUID().toString();
        JsonNode reply = request(id, "{\"command\": \"add_symbol\", \"symbol\": ");
        assertFailure(reply, "invalid_json", null);
        // the request's correlation id travels in the AMQP property when the body cannot be read
        assertEquals(id, reply.get("correlation_id").asText());
        TestBus.Received onExchange = published.await(m -> id.equals(m.properties().getCorrelationId()),
                Duration.ofSeconds(10));
        assertEquals("control.response.unknown", onExchange.routingKey());
    }

    @Test
    void wrongFieldTypeIsInvalidCommand() throws Exception {
        assertFailure(command("add_symbol", "\"symbol\":123"), "invalid_command", "Field 'symbol' must be a string");
        assertFailure(command("set_symbols", "\"symbols\":\"BTC/USDT:USDT\""), "invalid_command",
                "Field 'symbols' must be an array of strings");
        assertFailure(command("set_symbols", "\"symbols\":[\"BTC/USDT:USDT\", 7]"), "invalid_command",
                "Field 'symbols' must contain only strings");
        assertFailure(command("get_symbols", "\"timestamp\":\"yesterday\""), "invalid_command",
                "Field 'timestamp' must be an integer (epoch seconds)");
    }

    @Test
    void missingFieldsAndMalformedSymbolsAreInvalidCommand() throws Exception {
        assertFailure(command("add_symbol", null), "invalid_command", "Missing field 'symbol'");
        assertFailure(command("set_symbols", null), "invalid_command", "Missing field 'symbols'");
        assertFailure(command("set_symbols", "\"symbols\":[]"), "invalid_command", "Field 'symbols' must not be empty");
        assertFailure(command("add_symbol", "\"symbol\":\"BTCUSDT\""), "invalid_command", null);
        assertFailure(command("add_symbol", "\"symbol\":\"BTC/USDT\""), "invalid_command", null); // spot form
        String id = UUID.randomUUID().toString();
        assertFailure(request(id, "{\"correlation_id\":\"" + id + "\"}"), "invalid_command", "Missing field 'command'");
        assertFailure(request(id, "{\"command\":5,\"correlation_id\":\"" + id + "\"}"), "invalid_command",
                "Field 'command' must be a string");
        assertFailure(request(id, "[1,2,3]"), "invalid_json", "Request must be a JSON object");
        assertEquals(List.of("BTC/USDT:USDT", "ETH/USDT:USDT"), store.load(), "nothing changed");
    }

    @Test
    void unknownCommand() throws Exception {
        assertFailure(command("reboot", null), "unknown_command", null);
    }

    @Test
    void databaseFailureIsInternalErrorAndChangesNothing() throws Exception {
        TestInfra.execute("REVOKE INSERT ON collector.symbols FROM marketdata");
        try {
            JsonNode reply = command("add_symbol", "\"symbol\":\"ADA/USDT:USDT\"");
            assertFailure(reply, "internal_error", null);
            assertTrue(reply.get("message").asText().contains("permission denied"), reply.toString());
        } finally {
            TestInfra.execute("GRANT INSERT ON collector.symbols TO marketdata");
        }
        assertEquals(List.of("BTC/USDT:USDT", "ETH/USDT:USDT"), store.load());
        assertTrue(command("add_symbol", "\"symbol\":\"ADA/USDT:USDT\"").get("success").asBoolean(), "recovers");
    }

    private static void assertFailure(JsonNode reply, String error, String message) {
        assertFalse(reply.get("success").asBoolean(), reply.toString());
        assertEquals(error, reply.get("error").asText(), reply.toString());
        assertFalse(reply.has("data"), "no data on failure");
        if (message != null) {
            assertEquals(message, reply.get("message").asText());
        }
    }

    private static JsonNode command(String command, String fields) throws Exception {
        String id = UUID.randomUUID().toString();
        return request(id, "{\"command\":\"" + command + "\",\"correlation_id\":\"" + id + "\",\"timestamp\":"
                + System.currentTimeMillis() / 1000 + (fields == null ? "" : "," + fields) + "}");
    }

    /** Publishes a raw body with reply_to and returns the reply with that correlation id. */
    private static JsonNode request(String correlationId, String body) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                .correlationId(correlationId).replyTo(replies.queue()).build();
        bus.channel().basicPublish("", Topology.CONTROL_QUEUE, properties, body.getBytes(StandardCharsets.UTF_8));
        TestBus.Received reply = replies.await(m -> correlationId.equals(m.properties().getCorrelationId()),
                Duration.ofSeconds(15));
        List<String> violations = SchemaValidator.get().validate(MessageType.CONTROL_RESPONSE, reply.body());
        assertEquals(List.of(), violations, new String(reply.body(), StandardCharsets.UTF_8));
        return Json.MAPPER.readTree(reply.body());
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
