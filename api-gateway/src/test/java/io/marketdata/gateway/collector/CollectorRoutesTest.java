package io.marketdata.gateway.collector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.marketdata.contracts.Json;
import io.marketdata.gateway.support.StubServices;
import io.marketdata.gateway.support.TestBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control bridge over the real broker: a stand-in collector consumes the test control queue
 * ({@code %test.gateway.control.queue}) and answers like collector-service does, to {@code reply_to}.
 */
@QuarkusTest
@QuarkusTestResource(StubServices.class)
class CollectorRoutesTest {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final String QUEUE = "futures_collector_control.gateway-test";

    private Connection connection;
    private String consumerTag;
    private Channel channel;
    private final Set<String> symbols = ConcurrentHashMap.newKeySet();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void collector() throws Exception {
        connection = TestBroker.settings().open("gateway-test-collector");
        channel = connection.createChannel();
        channel.queueDeclare(QUEUE, false, false, false, null);
        channel.queuePurge(QUEUE);
        symbols.add("BTC/USDT:USDT");
        consumerTag = channel.basicConsume(QUEUE, true, (tag, delivery) -> {
            JsonNode request = Json.MAPPER.readTree(delivery.getBody());
            requests.add(request);
            ObjectNode response = answer(request);
            channel.basicPublish("", delivery.getProperties().getReplyTo(), new AMQP.BasicProperties.Builder()
                    .correlationId(delivery.getProperties().getCorrelationId()).contentType("application/json").build(),
                    Json.toBytes(response));
        }, tag -> { });
    }

    private ObjectNode answer(JsonNode request) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("correlation_id", request.path("correlation_id").asText());
        r.put("command", request.path("command").asText());
        String symbol = request.path("symbol").asText();
        switch (request.path("command").asText()) {
            case "add_symbol" -> {
                boolean added = symbols.add(symbol);
                r.put("success", added);
                if (!added) {
                    r.put("error", "duplicate_symbol");
                }
            }
            case "remove_symbol" -> {
                boolean removed = symbols.remove(symbol);
                r.put("success", removed);
                if (!removed) {
                    r.put("error", "symbol_not_found");
                }
            }
            case "get_symbols" -> {
                r.put("success", true);
                r.putObject("data").putPOJO("symbols", symbols.stream().sorted().toList());
            }
            default -> r.put("success", true);
        }
        r.put("message", "ok");
        return r;
    }

    @AfterEach
    void close() throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.queueDelete(QUEUE);
        }
        connection.close();
    }

    @Test
    void addGetRemoveASymbolThroughTheControlQueue() {
        given().contentType(ContentType.JSON).body("{\"symbol\":\"SOL/USDT:USDT\"}").post("/api/collector/symbols")
                .then().statusCode(401);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"symbol\":\"SOL/USDT:USDT\"}")
                .post("/api/collector/symbols").then().statusCode(200)
                .body("success", equalTo(true)).body("command", equalTo("add_symbol")).body("correlation_id", notNullValue());
        assertEquals("SOL/USDT:USDT", requests.get(requests.size() - 1).path("symbol").asText());
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"symbol\":\"SOL/USDT:USDT\"}")
                .post("/api/collector/symbols").then().statusCode(409).body("error", equalTo("duplicate_symbol"));
        given().get("/api/collector/symbols").then().statusCode(200)
                .body("data.symbols", contains("BTC/USDT:USDT", "SOL/USDT:USDT"));
        given().header("Authorization", ADMIN).delete("/api/collector/symbols?symbol=SOL/USDT:USDT").then().statusCode(200);
        given().header("Authorization", ADMIN).delete("/api/collector/symbols?symbol=SOL/USDT:USDT").then().statusCode(404)
                .body("error", equalTo("symbol_not_found"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{}").post("/api/collector/symbols")
                .then().statusCode(400).body("field", equalTo("symbol"));
    }

    @Test
    void noCollectorIsA504TimeoutAndNoControlQueueA503() throws Exception {
        channel.basicCancel(consumerTag);
        given().get("/api/collector").then().statusCode(504).body("error", equalTo("timeout"))
                .body("command", equalTo("get_statistics"));
        channel.queueDelete(QUEUE);
        given().get("/api/collector/symbols").then().statusCode(503).body("error", equalTo("collector_unavailable"));
    }
}
