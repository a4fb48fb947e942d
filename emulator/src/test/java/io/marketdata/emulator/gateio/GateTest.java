package io.marketdata.emulator.gateio;

import static io.marketdata.emulator.TestSupport.adminBook;
import static io.marketdata.emulator.TestSupport.assertDec;
import static io.marketdata.emulator.TestSupport.dec;
import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GateTest {

    static final String P = "/gateio/api/v4/futures/usdt";

    @BeforeEach
    void frozen() {
        freeze();
    }

    @Test
    void contractsHaveStringMultipliersAndFundingInSeconds() {
        JsonNode all = get(P + "/contracts");
        assertTrue(all.isArray());
        Set<String> names = new HashSet<>();
        all.forEach(c -> names.add(c.get("name").asText()));
        assertEquals(get("/_emulator/symbols/gateio").size(), names.size());
        assertFalse(names.contains("VET_USDT"), "VET is not listed on Gate");
        JsonNode admin = adminBook("gateio", "BTCUSDT");
        JsonNode btc = get(P + "/contracts/BTC_USDT");
        assertTrue(btc.isObject());
        assertEquals("BTC_USDT", btc.get("name").asText());
        assertEquals("direct", btc.get("type").asText());
        assertEquals("0.0001", btc.get("quanto_multiplier").asText());
        assertTrue(btc.get("quanto_multiplier").isTextual());
        for (String f : new String[] {"mark_price", "index_price", "last_price", "funding_rate", "order_price_round"}) {
            assertTrue(btc.get(f).isTextual(), f + " is a string");
        }
        assertTrue(btc.get("funding_interval").isIntegralNumber());
        assertEquals(28800, btc.get("funding_interval").asInt());
        assertTrue(btc.get("funding_next_apply").isNumber());
        assertEquals(admin.get("next_funding_time").asLong() / 1000, btc.get("funding_next_apply").asLong(),
                "funding_next_apply is in SECONDS");
        assertFalse(btc.get("in_delisting").asBoolean());
        assertDec(admin.get("mark_price"), btc.get("mark_price"), "mark");
        assertDec(admin.get("funding_rate"), btc.get("funding_rate"), "funding");
        assertDec(admin.get("last"), btc.get("last_price"), "last");
        assertEquals("0.01", get(P + "/contracts/ETH_USDT").get("quanto_multiplier").asText());
        assertEquals("10000000", get(P + "/contracts/PEPE_USDT").get("quanto_multiplier").asText());
        JsonNode missing = get(P + "/contracts/VET_USDT", 400);
        assertEquals("CONTRACT_NOT_FOUND", missing.get("label").asText());
        assertTrue(missing.get("message").isTextual());
    }

    @Test
    void orderBookLevelsAreObjectsOfIntegerContractsWithFloatSecondTimes() {
        JsonNode admin = adminBook("gateio", "BTCUSDT");
        JsonNode ob = get(P + "/order_book?contract=BTC_USDT&limit=300&with_id=true");
        assertEquals(admin.get("update_id").asLong(), ob.get("id").asLong());
        assertTrue(ob.get("current").isFloatingPointNumber(), "current is float seconds");
        assertTrue(ob.get("update").isFloatingPointNumber());
        double current = ob.get("current").asDouble();
        assertTrue(current > 1.6e9 && current < 1e10, "seconds, not ms: " + current);
        assertEquals(300, ob.get("asks").size());
        assertEquals(300, ob.get("bids").size());
        BigDecimal q = dec(admin.get("contract_size"));
        assertDec(new BigDecimal("0.0001"), q, "admin contract size");
        for (String side : new String[] {"bids", "asks"}) {
            JsonNode levels = ob.get(side);
            for (int k = 0; k < levels.size(); k++) {
                JsonNode lvl = levels.get(k);
                assertTrue(lvl.isObject());
                assertTrue(lvl.get("p").isTextual(), "p is a string");
                assertTrue(lvl.get("s").isIntegralNumber(), "s is integer contracts");
                JsonNode canonical = admin.get(side).get(k);
                assertDec(dec(canonical.get(0)), dec(lvl.get("p")), side + " price #" + k);
                assertDec(dec(canonical.get(1)), dec(lvl.get("s")).multiply(q), side + " size #" + k);
                if (k > 0) {
                    int cmp = dec(levels.get(k - 1).get("p")).compareTo(dec(lvl.get("p")));
                    assertTrue(side.equals("bids") ? cmp > 0 : cmp < 0, side + " order at " + k);
                }
            }
        }
        assertTrue(dec(ob.get("bids").get(0).get("p")).compareTo(dec(ob.get("asks").get(0).get("p"))) < 0);
        JsonNode noId = get(P + "/order_book?contract=BTC_USDT");
        assertFalse(noId.has("id"));
        assertEquals(10, noId.get("bids").size(), "default limit 10");
        assertEquals("INVALID_PARAM_VALUE", get(P + "/order_book?contract=BTC_USDT&limit=301", 400).get("label")
                .asText());
        assertEquals("CONTRACT_NOT_FOUND", get(P + "/order_book?contract=NOPE_USDT", 400).get("label").asText());
    }

    @Test
    void tickersAreAnArrayEvenForOneContract() {
        JsonNode admin = adminBook("gateio", "ETHUSDT");
        JsonNode arr = get(P + "/tickers?contract=ETH_USDT");
        assertTrue(arr.isArray());
        assertEquals(1, arr.size());
        JsonNode t = arr.get(0);
        for (String f : new String[] {"contract", "last", "highest_bid", "lowest_ask", "volume_24h",
                "volume_24h_base", "volume_24h_quote", "mark_price", "index_price", "funding_rate",
                "funding_rate_indicative"}) {
            assertTrue(t.get(f).isTextual(), f + " is a string");
        }
        assertEquals("ETH_USDT", t.get("contract").asText());
        assertDec(admin.get("last"), t.get("last"), "last");
        assertDec(admin.get("best_bid"), t.get("highest_bid"), "bid");
        assertDec(admin.get("best_ask"), t.get("lowest_ask"), "ask");
        assertDec(admin.get("volume_24h"), t.get("volume_24h_base"), "base volume");
        assertDec(admin.get("mark_price"), t.get("mark_price"), "mark");
        assertDec(admin.get("funding_rate"), t.get("funding_rate"), "funding");
        assertEquals(get("/_emulator/symbols/gateio").size(), get(P + "/tickers").size());
        assertEquals("CONTRACT_NOT_FOUND", get(P + "/tickers?contract=VET_USDT", 400).get("label").asText());
    }
}
