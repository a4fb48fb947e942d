package io.marketdata.collector.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import io.marketdata.cli.AmqpSettings;
import io.marketdata.cli.ControlClient;
import io.marketdata.collector.support.CollectorTestResource;
import io.marketdata.collector.support.TestBus;
import io.marketdata.collector.support.TestInfra;
import io.marketdata.collector.symbols.SymbolRegistry;
import io.marketdata.collector.symbols.SymbolStore;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.control.ControlCommand;
import io.marketdata.contracts.control.ControlOutcome;
import io.marketdata.contracts.control.ControlRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What used to kill the control plane, through the real queue: over-long commands (no routing key
 * over 255 bytes), huge symbols (no unbounded echo, bounded idempotency memory), 1,000 random
 * malformed bodies — each answered with an error code, and a valid request answered after them;
 * expired requests dropped unexecuted.
 */
@QuarkusTest
@QuarkusTestResource(value = CollectorTestResource.class, restrictToAnnotatedClass = false)
class ControlBoundsTest {

    private static final Set<String> ERROR_CODES = Set.of("invalid_command", "invalid_json", "duplicate_symbol",
            "symbol_not_found", "unknown_command", "internal_error");
    private static TestBus bus;
    private static TestBus.Subscription replies;
    private static TestBus.Subscription published;

    @Inject
    SymbolRegistry registry;
    @Inject
    SymbolStore store;
    @Inject
    ControlListener listener;
    @Inject
    MeterRegistry meters;

    @BeforeAll
    static void connect() {
        bus = new TestBus();
        replies = bus.subscribe(Topology.CONTROL_RESPONSES_EXCHANGE, "no.such.key.bounds"); // a private reply queue
        published = bus.subscribe(Topology.CONTROL_RESPONSES_EXCHANGE, "control.response.#");
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    @BeforeEach
    void knownSymbolSet() throws Exception {
        registry.replace(List.of(UnifiedSymbol.of("BTC/USDT:USDT"), UnifiedSymbol.of("ETH/USDT:USDT")));
        replies.clear();
        published.clear();
    }

    @Test
    void aThreeHundredCharacterCommandIsAnsweredOnABoundedKeyAndTheConsumerGoesOn() throws Exception {
        String id = UUID.randomUUID().toString();
        String command = "x".repeat(300);
        JsonNode reply = request(id, "{\"command\":\"" + command + "\",\"correlation_id\":\"" + id + "\"}", null);
        assertEquals("invalid_command", reply.get("error").asText(), reply.toString());
        assertTrue(reply.get("command").asText().length() <= ControlRequest.MAX_COMMAND_LENGTH + 1, reply.toString());
        TestBus.Received onExchange = published.await(m -> id.equals(m.properties().getCorrelationId()), Duration.ofSeconds(15));
        assertEquals(Topology.CONTROL_RESPONSE_INVALID_KEY, onExchange.routingKey());
        // an unknown (short) name is not put in the routing key either
        String id2 = UUID.randomUUID().toString();
        assertEquals("unknown_command", request(id2, "{\"command\":\"reboot\",\"correlation_id\":\"" + id2 + "\"}", null)
                .get("error").asText());
        assertEquals(Topology.CONTROL_RESPONSE_INVALID_KEY,
                published.await(m -> id2.equals(m.properties().getCorrelationId()), Duration.ofSeconds(15)).routingKey());
        assertGetSymbolsAnswered();
    }

    @Test
    void aOneMegabyteSymbolIsRefusedWithoutEchoingIt() throws Exception {
        String symbol = "A".repeat(1024 * 1024);
        for (int i = 0; i < 40; i++) {
            String id = UUID.randomUUID().toString();
            TestBus.Received raw = requestRaw(id, ("{\"command\":\"add_symbol\",\"symbol\":\"" + symbol
                    + "\",\"correlation_id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), null);
            JsonNode reply = Json.MAPPER.readTree(raw.body());
            assertEquals("invalid_json", reply.get("error").asText(), reply.toString());
            assertEquals(id, reply.get("correlation_id").asText());
            assertTrue(raw.body().length < 2_000, "bounded answer: " + raw.body().length + " bytes");
        }
        // just under the body limit: parsed, refused as over-long, echoed only as a prefix
        String id = UUID.randomUUID().toString();
        String big = "B".repeat(ControlRequest.MAX_BODY_BYTES - 200);
        TestBus.Received raw = requestRaw(id, ("{\"command\":\"add_symbol\",\"symbol\":\"" + big + "\",\"correlation_id\":\""
                + id + "\"}").getBytes(StandardCharsets.UTF_8), null);
        JsonNode reply = Json.MAPPER.readTree(raw.body());
        assertEquals("invalid_command", reply.get("error").asText(), reply.toString());
        assertTrue(raw.body().length < 2_000, "bounded answer: " + raw.body().length + " bytes");
        assertEquals(List.of("BTC/USDT:USDT", "ETH/USDT:USDT"), store.load());
        assertGetSymbolsAnswered();
    }

    @Test
    void twoHundredRequestsWithQuarterMegabyteSymbolsLeaveTheIdempotencyMemoryWithinItsBound() throws Exception {
        String symbol = "C".repeat(256 * 1024);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            publish(id, ("{\"command\":\"add_symbol\",\"symbol\":\"" + symbol + "\",\"correlation_id\":\"" + id + "\"}")
                    .getBytes(StandardCharsets.UTF_8), null);
        }
        Map<String, JsonNode> answers = collectReplies(new HashSet<>(ids), Duration.ofSeconds(120));
        assertEquals(200, answers.size());
        answers.values().forEach(a -> assertFalse(a.get("success").asBoolean()));
        assertTrue(listener.answeredBytes() <= listener.answeredMaxBytes(), listener.answeredBytes() + " bytes held");
        double gauge = meters.get("collector_control_answered_bytes").gauge().value();
        assertTrue(gauge <= 1024 * 1024, "gauge " + gauge);
        assertGetSymbolsAnswered();
    }

    @Test
    void aThousandRandomMalformedBodiesAreEachAnsweredWithAnErrorCode() throws Exception {
        Random random = new Random(12);
        Map<String, byte[]> bodies = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            String id = UUID.randomUUID().toString();
            bodies.put(id, malformed(random, id, i % 10));
        }
        for (Map.Entry<String, byte[]> e : bodies.entrySet()) {
            publish(e.getKey(), e.getValue(), null);
        }
        Map<String, JsonNode> answers = collectReplies(bodies.keySet(), Duration.ofSeconds(180));
        assertEquals(1000, answers.size(), "every request answered");
        for (Map.Entry<String, JsonNode> a : answers.entrySet()) {
            JsonNode reply = a.getValue();
            assertFalse(reply.get("success").asBoolean(), reply.toString());
            assertTrue(ERROR_CODES.contains(reply.get("error").asText()), reply.toString());
            assertTrue(reply.get("message").asText().length() <= ControlHandler.MAX_MESSAGE_LENGTH + 1, reply.toString());
            String command = reply.get("command").isNull() ? "" : reply.get("command").asText();
            assertTrue(command.length() <= ControlRequest.MAX_COMMAND_LENGTH + 1, reply.toString());
        }
        assertEquals(List.of("BTC/USDT:USDT", "ETH/USDT:USDT"), store.load(), "nothing changed");
        assertGetSymbolsAnswered();
    }

    @Test
    void anExpiredRequestIsNotExecutedAndCountedAFreshOneIs() throws Exception {
        double expiredBefore = meters.get("collector_control_expired_total").counter().count();
        String expired = UUID.randomUUID().toString();
        publish(expired, ("{\"command\":\"add_symbol\",\"symbol\":\"XRP/USDT:USDT\",\"correlation_id\":\"" + expired
                + "\"}").getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() - 1_000);
        // requests are handled in order, one at a time: once this one is answered, the expired one was seen
        assertGetSymbolsAnswered();
        assertEquals(expiredBefore + 1, meters.get("collector_control_expired_total").counter().count());
        assertEquals(List.of("BTC/USDT:USDT", "ETH/USDT:USDT"), store.load(), "the expired request did not run");
        assertTrue(replies.collect(Duration.ZERO).stream()
                .noneMatch(r -> expired.equals(r.properties().getCorrelationId())), "no answer to an expired request");

        String fresh = UUID.randomUUID().toString();
        JsonNode reply = request(fresh, "{\"command\":\"add_symbol\",\"symbol\":\"XRP/USDT:USDT\",\"correlation_id\":\""
                + fresh + "\"}", System.currentTimeMillis() + 60_000);
        assertTrue(reply.get("success").asBoolean(), reply.toString());
        assertEquals(List.of("BTC/USDT:USDT", "ETH/USDT:USDT", "XRP/USDT:USDT"), store.load());
        assertEquals(expiredBefore + 1, meters.get("collector_control_expired_total").counter().count());
    }

    @Test
    void theControlClientGetsItsAnswerOverDirectReplyToWithAnExpiry() {
        ControlClient client = new ControlClient(new AmqpSettings("localhost", 5672, "guest", "guest", TestInfra.VHOST));
        ControlRequest request = ControlRequest.of(ControlCommand.GET_SYMBOLS, UUID.randomUUID().toString(),
                System.currentTimeMillis() / 1000);
        ControlOutcome outcome = client.call(Topology.CONTROL_QUEUE, request, Duration.ofSeconds(20));
        ControlOutcome.Answered answered = assertInstanceOf(ControlOutcome.Answered.class, outcome);
        assertTrue(answered.text().contains("\"success\":true"), answered.text());
    }

    @Test
    void theConnectorsReadinessCoversTheControlConsumerAndItsPublishers() {
        String ready = io.restassured.RestAssured.get("/q/health/ready").then().statusCode(200).extract().asString();
        for (String channel : List.of("control", "control-responses", "control-replies", "dead-letters", "token-created")) {
            assertTrue(ready.contains("\"" + channel + "\""), channel + " missing in " + ready);
        }
    }

    /** One malformed body of the given kind, carrying {@code id} where the kind has a correlation id. */
    private static byte[] malformed(Random random, String id, int kind) {
        String json = switch (kind) {
            case 0 -> null; // garbage bytes
            case 1 -> "{\"command\":" + randomNonString(random) + ",\"correlation_id\":\"" + id + "\"}";
            case 2 -> "{\"command\":\"add_symbol\",\"symbol\":\"BTC/USDT:USDT\",\"correlation_id\":" + randomNonString(random) + "}";
            case 3 -> "{\"command\":\"set_symbols\",\"correlation_id\":\"" + id + "\",\"symbols\":["
                    + String.join(",", java.util.Collections.nCopies(ControlRequest.MAX_SYMBOLS + 1 + random.nextInt(3000),
                    "\"BTC/USDT:USDT\"")) + "]}";
            case 4 -> "{\"command\":\"" + randomText(random, 1 + random.nextInt(400)) + "\",\"correlation_id\":\"" + id + "\"}";
            case 5 -> "{\"command\":\"add_symbol\",\"correlation_id\":\"" + id + "\",\"symbol\":\"#"
                    + randomText(random, random.nextInt(500)) + "\"}";
            case 6 -> List.of("[1,2,3]", "\"just a string\"", "42", "null", "true").get(random.nextInt(5));
            case 7 -> {
                String whole = "{\"command\":\"add_symbol\",\"symbol\":\"SOL/USDT:USDT\",\"correlation_id\":\"" + id + "\"}";
                yield whole.substring(0, random.nextInt(whole.length() - 1));
            }
            case 8 -> "[".repeat(2_000 + random.nextInt(3_000));
            default -> "{\"command\":\"set_symbols\",\"correlation_id\":\"" + id + "\",\"symbols\":["
                    + randomNonString(random) + "],\"timestamp\":" + randomNonString(random) + "}";
        };
        if (json == null) {
            byte[] garbage = new byte[1 + random.nextInt(2_000)];
            random.nextBytes(garbage);
            return garbage;
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomNonString(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> Integer.toString(random.nextInt());
            case 1 -> "[" + "1,".repeat(random.nextInt(5000)) + "1]";
            case 2 -> "{\"a\":{\"b\":[" + random.nextDouble() + "]}}";
            case 3 -> "false";
            default -> "1e308";
        };
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz_ÄÖü€漢字/:.0123456789";
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private void assertGetSymbolsAnswered() throws Exception {
        String id = UUID.randomUUID().toString();
        JsonNode reply = request(id, "{\"command\":\"get_symbols\",\"correlation_id\":\"" + id + "\"}", null);
        assertTrue(reply.get("success").asBoolean(), reply.toString());
    }

    private static void publish(String correlationId, byte[] body, Long expiresAt) throws Exception {
        AMQP.BasicProperties.Builder properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                .correlationId(correlationId).replyTo(replies.queue());
        if (expiresAt != null) {
            properties.headers(Map.of(Topology.CONTROL_EXPIRES_AT_HEADER, expiresAt));
        }
        synchronized (bus) {
            bus.channel().basicPublish("", Topology.CONTROL_QUEUE, properties.build(), body);
        }
    }

    private static TestBus.Received requestRaw(String correlationId, byte[] body, Long expiresAt) throws Exception {
        publish(correlationId, body, expiresAt);
        TestBus.Received reply = replies.await(m -> correlationId.equals(m.properties().getCorrelationId()),
                Duration.ofSeconds(30));
        assertNotNull(reply);
        List<String> violations = SchemaValidator.get().validate(MessageType.CONTROL_RESPONSE, reply.body());
        assertEquals(List.of(), violations, new String(reply.body(), StandardCharsets.UTF_8));
        return reply;
    }

    private static JsonNode request(String correlationId, String body, Long expiresAt) throws Exception {
        return Json.MAPPER.readTree(requestRaw(correlationId, body.getBytes(StandardCharsets.UTF_8), expiresAt).body());
    }

    /** The replies with the given correlation ids (schema-checked), waiting up to {@code timeout} for all of them. */
    private static Map<String, JsonNode> collectReplies(Set<String> ids, Duration timeout) throws Exception {
        Map<String, JsonNode> answers = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answers.size() < ids.size() && System.nanoTime() < deadline) {
            for (TestBus.Received r : replies.collect(Duration.ofMillis(500))) {
                String id = r.properties().getCorrelationId();
                if (ids.contains(id)) {
                    assertEquals(List.of(), SchemaValidator.get().validate(MessageType.CONTROL_RESPONSE, r.body()),
                            new String(r.body(), StandardCharsets.UTF_8));
                    answers.put(id, Json.MAPPER.readTree(r.body()));
                }
            }
        }
        return answers;
    }
}
