package io.marketdata.emulator.binance;

import static io.marketdata.emulator.TestSupport.adminBook;
import static io.marketdata.emulator.TestSupport.assertDec;
import static io.marketdata.emulator.TestSupport.assertLevels;
import static io.marketdata.emulator.TestSupport.assertSortedBook;
import static io.marketdata.emulator.TestSupport.dec;
import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.get;
import static io.marketdata.emulator.TestSupport.parse;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BinanceFuturesTest {

    static final String P = "/binance-futures/fapi/v1";

    @BeforeEach
    void frozen() {
        freeze();
    }

    @Test
    void exchangeInfoListsPerpetualsWithFilters() {
        JsonNode info = get(P + "/exchangeInfo");
        assertEquals("UTC", info.get("timezone").asText());
        assertTrue(info.get("serverTime").isIntegralNumber());
        Map<String, JsonNode> bySymbol = new HashMap<>();
        info.get("symbols").forEach(s -> bySymbol.put(s.get("symbol").asText(), s));
        assertEquals(get("/_emulator/symbols/binance").size(), bySymbol.size());
        JsonNode btc = bySymbol.get("BTCUSDT");
        assertEquals("PERPETUAL", btc.get("contractType").asText());
        assertEquals("BTC", btc.get("baseAsset").asText());
        assertEquals("USDT", btc.get("quoteAsset").asText());
        assertEquals("TRADING", btc.get("status").asText());
        String tick = null;
        String step = null;
        for (JsonNode f : btc.get("filters")) {
            if (f.get("filterType").asText().equals("PRICE_FILTER")) {
                tick = f.get("tickSize").asText();
            }
            if (f.get("filterType").asText().equals("LOT_SIZE")) {
                step = f.get("stepSize").asText();
            }
        }
        assertEquals("0.1", tick);
        assertEquals("0.001", step);
        assertEquals("1000PEPE", bySymbol.get("1000PEPEUSDT").get("baseAsset").asText());
        assertFalse(bySymbol.containsKey("PEPEUSDT"));
        assertFalse(bySymbol.containsKey("KASUSDT"), "KAS is not listed on Binance futures");
    }

    @Test
    void depthHasStringLevelsAndEqualsTheCanonicalBook() {
        JsonNode admin = adminBook("binance", "BTCUSDT");
        JsonNode depth = get(P + "/depth?symbol=BTCUSDT&limit=1000");
        assertEquals(1000, depth.get("bids").size());
        assertEquals(1000, depth.get("asks").size());
        assertTrue(depth.get("E").isIntegralNumber() && depth.get("T").isIntegralNumber());
        assertTrue(depth.get("E").asLong() > 1_600_000_000_000L, "E is in ms");
        JsonNode first = depth.get("bids").get(0);
        assertTrue(first.get(0).isTextual() && first.get(1).isTextual(), "levels are strings");
        assertEquals(admin.get("update_id").asLong(), depth.get("lastUpdateId").asLong());
        assertSortedBook(depth.get("bids"), depth.get("asks"), 0);
        assertLevels(depth.get("bids"), admin.get("bids"), BigDecimal.ONE, "bids");
        assertLevels(depth.get("asks"), admin.get("asks"), BigDecimal.ONE, "asks");
        assertEquals(1000, admin.get("bids").size(), "admin returns the full modelled book");
        assertDec(admin.get("contract_size"), parse("1"), "contract size");
    }

    @Test
    void depthDefaultsTo500AndRejectsOtherLimits() {
        JsonNode d = get(P + "/depth?symbol=ETHUSDT");
        assertEquals(500, d.get("bids").size());
        assertEquals(5, get(P + "/depth?symbol=ETHUSDT&limit=5").get("asks").size());
        JsonNode bad = get(P + "/depth?symbol=ETHUSDT&limit=7", 400);
        assertEquals(-1100, bad.get("code").asInt());
        assertTrue(bad.get("msg").asText().contains("limit"));
        JsonNode unknown = get(P + "/depth?symbol=NOPEUSDT&limit=5", 400);
        assertEquals(-1121, unknown.get("code").asInt());
        assertEquals("Invalid symbol.", unknown.get("msg").asText());
        assertEquals(-1121, get(P + "/depth?symbol=KASUSDT", 400).get("code").asInt());
        assertEquals(-1102, get(P + "/depth", 400).get("code").asInt());
    }

    @Test
    void usedWeightHeaderCountsPerMinute() {
        Response r1 = given().get(P + "/depth?symbol=BTCUSDT&limit=1000");
        Response r2 = given().get(P + "/depth?symbol=BTCUSDT&limit=1000");
        Response r3 = given().get(P + "/ticker/24hr");
        int w1 = Integer.parseInt(r1.header("X-MBX-USED-WEIGHT-1M"));
        int w2 = Integer.parseInt(r2.header("X-MBX-USED-WEIGHT-1M"));
        int w3 = Integer.parseInt(r3.header("X-MBX-USED-WEIGHT-1M"));
        assertTrue(w1 >= 20);
        // +20 for depth(1000), +40 for all 24hr tickers — unless the UTC minute rolled over in between.
        assertTrue(w2 == w1 + 20 || w2 == 20, w1 + " → " + w2);
        assertTrue(w3 == w2 + 40 || w3 == 40, w2 + " → " + w3);
        assertNotNull(given().get(P + "/depth?symbol=BAD").header("X-MBX-USED-WEIGHT-1M"));
    }

    @Test
    void bookTickerIsAnObjectForOneSymbolAndAnArrayForAll() {
        JsonNode admin = adminBook("binance", "SOLUSDT");
        JsonNode one = get(P + "/ticker/bookTicker?symbol=SOLUSDT");
        assertTrue(one.isObject());
        assertEquals("SOLUSDT", one.get("symbol").asText());
        assertTrue(one.get("bidPrice").isTextual());
        assertDec(admin.get("best_bid"), one.get("bidPrice"), "bid");
        assertDec(admin.get("best_ask"), one.get("askPrice"), "ask");
        assertDec(admin.get("bids").get(0).get(1), one.get("bidQty"), "bid qty");
        assertTrue(one.get("time").isIntegralNumber());
        JsonNode all = get(P + "/ticker/bookTicker");
        assertTrue(all.isArray());
        assertEquals(get("/_emulator/symbols/binance").size(), all.size());
        assertEquals(-1121, get(P + "/ticker/bookTicker?symbol=XYZUSDT", 400).get("code").asInt());
    }

    @Test
    void ticker24hrCarriesLastAndBaseVolumeButNoBidAsk() {
        JsonNode admin = adminBook("binance", "1000PEPEUSDT");
        JsonNode t = get(P + "/ticker/24hr?symbol=1000PEPEUSDT");
        assertTrue(t.isObject());
        assertDec(admin.get("last"), t.get("lastPrice"), "last");
        assertDec(admin.get("volume_24h"), t.get("volume"), "base volume");
        assertDec(admin.get("quote_volume_24h").decimalValue().setScale(2, java.math.RoundingMode.HALF_EVEN),
                dec(t.get("quoteVolume")), "quote volume");
        assertTrue(t.get("volume").isTextual());
        assertFalse(t.has("bidPrice"), "futures 24hr has no bid/ask");
        assertTrue(get(P + "/ticker/24hr").isArray());
    }

    @Test
    void premiumIndexGivesMarkFundingAndNextFundingInMs() {
        JsonNode admin = adminBook("binance", "BTCUSDT");
        JsonNode p = get(P + "/premiumIndex?symbol=BTCUSDT");
        assertDec(admin.get("mark_price"), p.get("markPrice"), "mark");
        assertDec(admin.get("index_price"), p.get("indexPrice"), "index");
        assertDec(admin.get("funding_rate"), p.get("lastFundingRate"), "funding");
        assertTrue(p.get("lastFundingRate").isTextual());
        assertTrue(p.get("markPrice").asText().matches("\\d+\\.\\d{8}"), p.get("markPrice").asText());
        long next = p.get("nextFundingTime").asLong();
        assertTrue(p.get("nextFundingTime").isIntegralNumber());
        assertEquals(0, next % (8 * 3600 * 1000L));
        assertTrue(next > System.currentTimeMillis() - 1000 && next <= System.currentTimeMillis() + 8 * 3600 * 1000L);
        assertEquals(admin.get("next_funding_time").asLong(), next);
        JsonNode all = get(P + "/premiumIndex");
        assertTrue(all.isArray());
        assertEquals(get("/_emulator/symbols/binance").size(), all.size());
    }
}
