package io.marketdata.emulator.bybit;

import static io.marketdata.emulator.TestSupport.adminBook;
import static io.marketdata.emulator.TestSupport.assertDec;
import static io.marketdata.emulator.TestSupport.assertLevels;
import static io.marketdata.emulator.TestSupport.assertSortedBook;
import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BybitTest {

    static final String P = "/bybit/v5/market";

    @BeforeEach
    void frozen() {
        freeze();
    }

    static void assertEnvelope(JsonNode n, int retCode) {
        assertEquals(retCode, n.get("retCode").asInt());
        assertTrue(n.get("retMsg").isTextual());
        assertTrue(n.get("result").isObject());
        assertTrue(n.get("retExtInfo").isObject() && n.get("retExtInfo").isEmpty());
        assertTrue(n.get("time").isIntegralNumber());
    }

    static void assertAllStrings(JsonNode obj, String... except) {
        Set<String> skip = Set.of(except);
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!skip.contains(e.getKey())) {
                assertTrue(e.getValue().isTextual(), e.getKey() + " should be a string: " + e.getValue());
            }
        }
    }

    @Test
    void instrumentsInfoListsLinearPerpetuals() {
        JsonNode n = get(P + "/instruments-info?category=linear");
        assertEnvelope(n, 0);
        assertEquals("OK", n.get("retMsg").asText());
        assertEquals("linear", n.get("result").get("category").asText());
        Set<String> symbols = new HashSet<>();
        n.get("result").get("list").forEach(i -> symbols.add(i.get("symbol").asText()));
        assertEquals(get("/_emulator/symbols/bybit").size(), symbols.size());
        assertTrue(symbols.contains("SHIB1000USDT"), "Bybit's SHIB multiplier goes after the name");
        assertTrue(symbols.contains("1000PEPEUSDT"));
        assertFalse(symbols.contains("FTMUSDT"), "FTM is not listed on Bybit");
        JsonNode btc = get(P + "/instruments-info?category=linear&symbol=BTCUSDT").get("result").get("list").get(0);
        assertEquals("LinearPerpetual", btc.get("contractType").asText());
        assertEquals("0.1", btc.get("priceFilter").get("tickSize").asText());
        assertEquals("0.001", btc.get("lotSizeFilter").get("qtyStep").asText());
    }

    @Test
    void orderbookHasStringLevelsAndEqualsTheCanonicalBook() {
        JsonNode admin = adminBook("bybit", "ETHUSDT");
        JsonNode n = get(P + "/orderbook?category=linear&symbol=ETHUSDT&limit=500");
        assertEnvelope(n, 0);
        JsonNode r = n.get("result");
        assertEquals("ETHUSDT", r.get("s").asText());
        assertEquals(500, r.get("b").size());
        assertEquals(500, r.get("a").size());
        assertTrue(r.get("b").get(0).get(0).isTextual() && r.get("b").get(0).get(1).isTextual());
        assertTrue(r.get("ts").isIntegralNumber() && r.get("u").isIntegralNumber() && r.get("seq").isIntegralNumber());
        assertEquals(admin.get("update_id").asLong(), r.get("u").asLong());
        assertSortedBook(r.get("b"), r.get("a"), 0);
        assertLevels(r.get("b"), admin.get("bids"), BigDecimal.ONE, "bids");
        assertLevels(r.get("a"), admin.get("asks"), BigDecimal.ONE, "asks");
        assertEquals(25, get(P + "/orderbook?category=linear&symbol=ETHUSDT").get("result").get("b").size());
    }

    @Test
    void errorsAreHttp200WithRetCode10001() {
        JsonNode tooDeep = get(P + "/orderbook?category=linear&symbol=BTCUSDT&limit=501");
        assertEnvelope(tooDeep, 10001);
        JsonNode unknown = get(P + "/orderbook?category=linear&symbol=NOPEUSDT&limit=5");
        assertEnvelope(unknown, 10001);
        assertEnvelope(get(P + "/tickers?category=linear&symbol=FTMUSDT"), 10001);
        assertEnvelope(get(P + "/tickers?category=spot&symbol=BTCUSDT"), 10001);
        assertEnvelope(get(P + "/orderbook?symbol=BTCUSDT"), 10001);
    }

    @Test
    void tickersCarryTickerFundingAndMarkAsStrings() {
        JsonNode admin = adminBook("bybit", "BTCUSDT");
        JsonNode n = get(P + "/tickers?category=linear&symbol=BTCUSDT");
        assertEnvelope(n, 0);
        JsonNode t = n.get("result").get("list").get(0);
        assertAllStrings(t);
        assertDec(admin.get("last"), t.get("lastPrice"), "last");
        assertDec(admin.get("best_bid"), t.get("bid1Price"), "bid");
        assertDec(admin.get("best_ask"), t.get("ask1Price"), "ask");
        assertDec(admin.get("bids").get(0).get(1), t.get("bid1Size"), "bid size");
        assertDec(admin.get("mark_price"), t.get("markPrice"), "mark");
        assertDec(admin.get("funding_rate"), t.get("fundingRate"), "funding");
        assertDec(admin.get("volume_24h"), t.get("volume24h"), "volume");
        assertTrue(t.get("nextFundingTime").asText().matches("\\d{13}"), "ms as a string");
        assertEquals(admin.get("next_funding_time").asLong(), Long.parseLong(t.get("nextFundingTime").asText()));
        JsonNode all = get(P + "/tickers?category=linear");
        assertEquals(get("/_emulator/symbols/bybit").size(), all.get("result").get("list").size());
    }
}
