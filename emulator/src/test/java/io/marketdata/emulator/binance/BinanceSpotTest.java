package io.marketdata.emulator.binance;

import static io.marketdata.emulator.TestSupport.adminBook;
import static io.marketdata.emulator.TestSupport.assertDec;
import static io.marketdata.emulator.TestSupport.assertLevels;
import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.get;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BinanceSpotTest {

    static final String P = "/binance-spot/api/v3";

    @BeforeEach
    void frozen() {
        freeze();
    }

    @Test
    void exchangeInfoListsPlainBasesQuotedInUsdt() {
        JsonNode info = get(P + "/exchangeInfo");
        Set<String> symbols = new HashSet<>();
        info.get("symbols").forEach(s -> symbols.add(s.get("symbol").asText()));
        assertTrue(symbols.contains("BTCUSDT"));
        assertTrue(symbols.contains("PEPEUSDT"), "spot lists the plain PEPE");
        assertFalse(symbols.contains("1000PEPEUSDT"));
        assertFalse(symbols.contains("KASUSDT"));
        assertFalse(symbols.contains("ONDOUSDT"));
        JsonNode one = get(P + "/exchangeInfo?symbol=ETHUSDT");
        assertEquals(1, one.get("symbols").size());
        assertEquals("ETH", one.get("symbols").get(0).get("baseAsset").asText());
    }

    @Test
    void depthUpTo5000LevelsWithEightDecimalsEqualsTheCanonicalBook() {
        JsonNode admin = adminBook("binance-spot", "BTCUSDT");
        Response r = given().get(P + "/depth?symbol=BTCUSDT&limit=5000");
        assertEquals(200, r.statusCode());
        int w1 = Integer.parseInt(r.header("X-MBX-USED-WEIGHT-1M"));
        assertTrue(w1 >= 250, "depth(5000) weighs 250");
        int w2 = Integer.parseInt(given().get(P + "/depth?symbol=BTCUSDT&limit=5000").header("X-MBX-USED-WEIGHT-1M"));
        assertTrue(w2 == w1 + 250 || w2 == 250, w1 + " → " + w2);
        JsonNode d = io.marketdata.emulator.TestSupport.parse(r.asString());
        assertFalse(d.has("E"), "spot depth has no E/T");
        assertEquals(admin.get("update_id").asLong(), d.get("lastUpdateId").asLong());
        assertEquals(admin.get("bids").size(), d.get("bids").size(), "whole modelled book returned");
        assertTrue(d.get("bids").get(0).get(0).asText().matches("\\d+\\.\\d{8}"));
        assertTrue(d.get("bids").get(0).get(1).asText().matches("\\d+\\.\\d{8}"));
        assertLevels(d.get("bids"), admin.get("bids"), BigDecimal.ONE, "bids");
        assertLevels(d.get("asks"), admin.get("asks"), BigDecimal.ONE, "asks");
        assertEquals(100, get(P + "/depth?symbol=BTCUSDT").get("asks").size(), "default limit 100");
        assertEquals(-1121, get(P + "/depth?symbol=KASUSDT", 400).get("code").asInt());
    }

    @Test
    void tickersSupportSymbolAndSymbolsAndCarryBidAsk() {
        JsonNode admin = adminBook("binance-spot", "ETHUSDT");
        JsonNode one = get(P + "/ticker/bookTicker?symbol=ETHUSDT");
        assertTrue(one.isObject());
        assertDec(admin.get("best_bid"), one.get("bidPrice"), "bid");
        Response r = given().queryParam("symbols", "[\"BTCUSDT\",\"ETHUSDT\"]").get(P + "/ticker/bookTicker");
        assertEquals(200, r.statusCode(), r::asString);
        JsonNode two = io.marketdata.emulator.TestSupport.parse(r.asString());
        assertTrue(two.isArray());
        assertEquals(2, two.size());
        JsonNode t = get(P + "/ticker/24hr?symbol=ETHUSDT");
        assertDec(admin.get("last"), t.get("lastPrice"), "last");
        assertDec(admin.get("best_ask"), t.get("askPrice"), "ask");
        assertDec(admin.get("volume_24h"), t.get("volume"), "volume");
        assertTrue(admin.get("funding_rate").isNull() && admin.get("mark_price").isNull(), "spot has no funding");
        assertEquals(get("/_emulator/symbols/binance-spot").size(), get(P + "/ticker/24hr").size());
        assertEquals(-1100, get(P + "/ticker/24hr?symbols=BTCUSDT", 400).get("code").asInt());
        JsonNode mini = get(P + "/ticker/24hr?symbol=ETHUSDT&type=MINI");
        assertFalse(mini.has("bidPrice"));
        assertDec(admin.get("last"), mini.get("lastPrice"), "mini last");
    }
}
