package io.marketdata.emulator.htx;

import static io.marketdata.emulator.TestSupport.adminBook;
import static io.marketdata.emulator.TestSupport.assertDec;
import static io.marketdata.emulator.TestSupport.assertLevels;
import static io.marketdata.emulator.TestSupport.assertSortedBook;
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
class HtxTest {

    static final long EIGHT_HOURS = 8 * 3600 * 1000L;

    @BeforeEach
    void frozen() {
        freeze();
    }

    static JsonNode ok(String path) {
        JsonNode n = get(path);
        assertEquals("ok", n.get("status").asText(), n::toString);
        assertTrue(n.get("ts").isIntegralNumber());
        return n;
    }

    static void assertError(String path) {
        JsonNode n = get(path, 200);
        assertEquals("error", n.get("status").asText());
        assertTrue(n.get("err_code").isIntegralNumber());
        assertTrue(n.get("err_msg").isTextual());
        assertTrue(n.get("ts").isIntegralNumber());
    }

    @Test
    void contractInfoGivesContractSizesAsNumbers() {
        JsonNode all = ok("/htx/linear-swap-api/v1/swap_contract_info").get("data");
        Set<String> codes = new HashSet<>();
        all.forEach(c -> codes.add(c.get("contract_code").asText()));
        assertEquals(get("/_emulator/symbols/htx").size(), codes.size());
        assertFalse(codes.contains("EGLD-USDT"));
        assertFalse(codes.contains("NOT-USDT"));
        JsonNode btc = ok("/htx/linear-swap-api/v1/swap_contract_info?contract_code=BTC-USDT").get("data").get(0);
        assertEquals("BTC", btc.get("symbol").asText());
        assertTrue(btc.get("contract_size").isNumber());
        assertDec(new BigDecimal("0.001"), dec(btc.get("contract_size")), "BTC contract size");
        assertDec(new BigDecimal("0.1"), dec(btc.get("price_tick")), "BTC tick");
        assertEquals(1, btc.get("contract_status").asInt());
        assertEquals("swap", btc.get("business_type").asText());
        assertEquals("BTC-USDT", btc.get("pair").asText());
        assertEquals("USDT", btc.get("trade_partition").asText());
        JsonNode eth = ok("/htx/linear-swap-api/v1/swap_contract_info?contract_code=ETH-USDT").get("data").get(0);
        assertDec(new BigDecimal("0.01"), dec(eth.get("contract_size")), "ETH contract size");
        assertError("/htx/linear-swap-api/v1/swap_contract_info?contract_code=NOPE-USDT");
    }

    @Test
    void depthIs150LevelsOfIntegerContractsThatConvertToTheCanonicalBook() {
        JsonNode admin = adminBook("htx", "BTCUSDT");
        assertDec(new BigDecimal("0.001"), dec(admin.get("contract_size")), "admin contract size");
        JsonNode n = ok("/htx/linear-swap-ex/market/depth?contract_code=BTC-USDT&type=step0");
        assertEquals("market.BTC-USDT.depth.step0", n.get("ch").asText());
        JsonNode tick = n.get("tick");
        assertEquals(150, tick.get("bids").size());
        assertEquals(150, tick.get("asks").size());
        assertEquals(n.get("ch").asText(), tick.get("ch").asText());
        assertEquals(admin.get("update_id").asLong(), tick.get("version").asLong());
        assertTrue(tick.get("mrid").isIntegralNumber() && tick.get("id").isIntegralNumber());
        for (JsonNode lvl : tick.get("bids")) {
            assertTrue(lvl.get(0).isNumber(), "price is a number");
            assertTrue(lvl.get(1).isIntegralNumber(), "size is integer contracts: " + lvl);
        }
        assertSortedBook(tick.get("bids"), tick.get("asks"), 0);
        BigDecimal cs = dec(admin.get("contract_size"));
        assertLevels(tick.get("bids"), admin.get("bids"), cs, "bids");
        assertLevels(tick.get("asks"), admin.get("asks"), cs, "asks");
        assertTrue(admin.get("bids").size() > 150, "the canonical book is deeper than step0");
        // Multiplier asset: PEPE contracts are large.
        JsonNode pepeAdmin = adminBook("htx", "PEPEUSDT");
        JsonNode pepe = ok("/htx/linear-swap-ex/market/depth?contract_code=PEPE-USDT&type=step0").get("tick");
        assertLevels(pepe.get("asks"), pepeAdmin.get("asks"), dec(pepeAdmin.get("contract_size")), "PEPE asks");
        assertEquals(20, ok("/htx/linear-swap-ex/market/depth?contract_code=BTC-USDT&type=step6").get("tick")
                .get("bids").size());
        assertError("/htx/linear-swap-ex/market/depth?contract_code=NOT-USDT&type=step0");
        assertError("/htx/linear-swap-ex/market/depth?contract_code=BTC-USDT&type=step99");
    }

    @Test
    void mergedTickerHasContractsAndBaseAmountAsStrings() {
        JsonNode admin = adminBook("htx", "ETHUSDT");
        JsonNode n = ok("/htx/linear-swap-ex/market/detail/merged?contract_code=ETH-USDT");
        assertEquals("market.ETH-USDT.detail.merged", n.get("ch").asText());
        JsonNode t = n.get("tick");
        BigDecimal cs = dec(admin.get("contract_size"));
        assertTrue(t.get("bid").isArray() && t.get("bid").get(1).isIntegralNumber());
        assertDec(admin.get("best_bid"), t.get("bid").get(0), "bid");
        assertDec(dec(admin.get("bids").get(0).get(1)), dec(t.get("bid").get(1)).multiply(cs), "bid size");
        assertDec(admin.get("best_ask"), t.get("ask").get(0), "ask");
        assertTrue(t.get("close").isTextual());
        assertDec(admin.get("last"), t.get("close"), "last");
        assertTrue(t.get("amount").isTextual() && t.get("vol").isTextual() && t.get("trade_turnover").isTextual());
        assertDec(admin.get("volume_24h"), t.get("amount"), "base volume");
        BigDecimal fromContracts = new BigDecimal(t.get("vol").asText()).multiply(cs);
        assertTrue(fromContracts.compareTo(dec(t.get("amount"))) <= 0);
        assertTrue(t.get("count").isIntegralNumber() && t.get("ts").isIntegralNumber());
        assertError("/htx/linear-swap-ex/market/detail/merged?contract_code=EGLD-USDT");
    }

    @Test
    void fundingRateIsAnObjectAndTheBatchAnArray() {
        JsonNode admin = adminBook("htx", "BTCUSDT");
        JsonNode data = ok("/htx/linear-swap-api/v1/swap_funding_rate?contract_code=BTC-USDT").get("data");
        assertTrue(data.isObject());
        for (String f : new String[] {"contract_code", "fee_asset", "funding_rate", "estimated_rate", "funding_time",
                "next_funding_time"}) {
            assertTrue(data.get(f).isTextual(), f + " is a string");
        }
        assertEquals("BTC-USDT", data.get("contract_code").asText());
        assertEquals("USDT", data.get("fee_asset").asText());
        assertDec(admin.get("funding_rate"), data.get("funding_rate"), "funding");
        long upcoming = Long.parseLong(data.get("funding_time").asText());
        assertEquals(admin.get("next_funding_time").asLong(), upcoming, "funding_time is the upcoming settlement");
        assertEquals(0, upcoming % EIGHT_HOURS);
        assertEquals(upcoming + EIGHT_HOURS, Long.parseLong(data.get("next_funding_time").asText()));
        JsonNode batch = ok("/htx/linear-swap-api/v1/swap_batch_funding_rate").get("data");
        assertTrue(batch.isArray());
        assertEquals(get("/_emulator/symbols/htx").size(), batch.size());
        assertError("/htx/linear-swap-api/v1/swap_funding_rate?contract_code=NOPE-USDT");
    }

    @Test
    void markPriceKlineCloseIsAStringEqualToTheMark() {
        JsonNode admin = adminBook("htx", "SOLUSDT");
        JsonNode n = ok("/htx/index/market/history/linear_swap_mark_price_kline?contract_code=SOL-USDT&period=1min&size=1");
        assertEquals("market.SOL-USDT.mark_price.1min", n.get("ch").asText());
        JsonNode c = n.get("data").get(0);
        assertEquals(1, n.get("data").size());
        assertTrue(c.get("close").isTextual());
        assertDec(admin.get("mark_price"), c.get("close"), "mark");
        long id = c.get("id").asLong();
        assertTrue(id < 10_000_000_000L && id > 1_600_000_000L, "id in seconds");
        assertEquals(0, id % 60);
        assertError("/htx/index/market/history/linear_swap_mark_price_kline?contract_code=SOL-USDT&period=2min&size=1");
    }
}
