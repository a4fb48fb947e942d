package io.marketdata.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.analytics.DepthBand;
import io.marketdata.contracts.analytics.DepthUpdate;
import io.marketdata.contracts.control.ControlError;
import io.marketdata.contracts.control.ControlResponse;
import io.marketdata.contracts.market.MarketDataMessage;
import io.marketdata.contracts.market.OrderBook;
import io.marketdata.contracts.market.Ticker;
import io.marketdata.contracts.token.PoolMetrics;
import io.marketdata.contracts.token.TokenCreated;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.WindowMetrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records serialise to the documented snake_case bodies, and the schemas accept/reject as documented. */
class SchemaValidatorTest {

    private final SchemaValidator validator = SchemaValidator.get();

    private static MarketDataMessage futures() {
        return new MarketDataMessage("binance", "futures", "BTC/USDT:USDT", 1730107603123L,
                new Ticker(65000.1, 65000.2, 65000.1, 123456.7),
                new OrderBook(new double[][] {{65000.1, 1.5}, {64999.9, 0.8}}, new double[][] {{65000.2, 2.3}},
                        1730107603100L),
                0.0001, 1730131200000L, 65000.15, Map.of());
    }

    @Test
    void marketDataRecordMatchesTheSpecExample() throws Exception {
        byte[] body = Json.toBytes(futures());
        JsonNode node = Json.MAPPER.readTree(body);
        assertEquals(123456.7, node.at("/ticker/volume_24h").asDouble());
        assertEquals(1730131200000L, node.get("next_funding_time").asLong());
        assertEquals(65000.15, node.get("mark_price").asDouble());
        assertEquals(1.5, node.at("/orderbook/bids/0/1").asDouble());
        assertEquals(List.of(), validator.validate(MessageType.MARKET_DATA, body));
        assertEquals(futures().ticker(), Json.fromBytes(body, MarketDataMessage.class).ticker());
    }

    @Test
    void spotMessagesHaveNullFunding() {
        MarketDataMessage spot = new MarketDataMessage("binance", "spot", "BTC/USDT", 1730107603123L,
                new Ticker(1, 2, 1.5, null), new OrderBook(new double[][] {{1, 1}}, new double[][] {{2, 1}}, 1730107603100L),
                null, null, null, null);
        assertEquals(List.of(), validator.validate(MessageType.MARKET_DATA, Json.toBytes(spot)));
    }

    @Test
    void marketDataViolationsAreReported() {
        String secondsNotMillis = new String(Json.toBytes(futures()), StandardCharsets.UTF_8)
                .replace("1730107603123", "1730107603");
        assertFalse(validator.validate(MessageType.MARKET_DATA, secondsNotMillis.getBytes(StandardCharsets.UTF_8)).isEmpty());
        String stringPrice = new String(Json.toBytes(futures()), StandardCharsets.UTF_8)
                .replace("[65000.2,2.3]", "[\"65000.2\",2.3]");
        assertFalse(validator.validate(MessageType.MARKET_DATA, stringPrice.getBytes(StandardCharsets.UTF_8)).isEmpty());
        String unknownExchange = new String(Json.toBytes(futures()), StandardCharsets.UTF_8).replace("\"binance\"", "\"okx\"");
        assertFalse(validator.validate(MessageType.MARKET_DATA, unknownExchange.getBytes(StandardCharsets.UTF_8)).isEmpty());
        List<String> notJson = validator.validate(MessageType.MARKET_DATA, "{nope".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, notJson.size());
        assertTrue(notJson.get(0).startsWith("not JSON"));
    }

    @Test
    void controlResponses() {
        byte[] ok = Json.toBytes(ControlResponse.ok("c1", "get_symbols", "Symbols retrieved successfully",
                Map.of("symbols", List.of("BTC/USDT:USDT"), "count", 1), 1730107609));
        assertEquals(List.of(), validator.validate(MessageType.CONTROL_RESPONSE, ok));
        byte[] failure = Json.toBytes(ControlResponse.failure(null, null, ControlError.INVALID_JSON, "bad", 1730107609));
        assertEquals(List.of(), validator.validate(MessageType.CONTROL_RESPONSE, failure));
        assertTrue(new String(failure, StandardCharsets.UTF_8).contains("\"correlation_id\":null"));
        byte[] successWithoutData = "{\"correlation_id\":\"c\",\"success\":true,\"command\":\"get_symbols\",\"message\":\"m\",\"timestamp\":1}"
                .getBytes(StandardCharsets.UTF_8);
        assertFalse(validator.validate(MessageType.CONTROL_RESPONSE, successWithoutData).isEmpty());
    }

    @Test
    void tokenAndAnalyticsRecordsValidate() {
        String mint = "97QUGxUbXzWpmBPpQGnTgbgvR9n5a3xqWnUWVfG2pump";
        assertEquals(List.of(), validator.validate(MessageType.TOKEN_CREATED,
                Json.toBytes(new TokenCreated(mint, null, null, "5SY5sig", "pump-amm", 1730107603123L))));
        WindowMetrics w = new WindowMetrics(693, 514, 1217969.52);
        TokenMetrics metrics = new TokenMetrics(mint, 1730107603123L, 0.00008138, 8138936.0,
                List.of(new PoolMetrics("5q1z6CCEQPDu3pnuhKcWLtxqyj5BkFA7KsJBKbVNvVm9", "pumpswap", List.of("wp"), 256213.77,
                        "SOL", "So11111111111111111111111111111111111111112", 0.00008138, true)),
                Map.of("m5", w, "h1", w, "h6", w, "h24", w), List.of(), 1730107000000L);
        assertEquals(List.of(), validator.validate(MessageType.TOKEN_METRICS, Json.toBytes(metrics)));
        assertEquals(1207, w.transactions());
        List<DepthBand> bands = List.of(1.5, 3.0, 5.0, 8.0, 15.0, 30.0).stream()
                .map(d -> new DepthBand(d, 45.2, 52.3, 2950000.0, 3400000.0, -7.1, -7.28)).toList();
        DepthUpdate depth = new DepthUpdate("binance", "futures", "BTC/USDT:USDT", 1730107603123L, 65000.1, 65000.2,
                65000.15, 0.1, bands);
        assertEquals(List.of(), validator.validate(MessageType.DEPTH_UPDATE, Json.toBytes(depth)));
    }
}
