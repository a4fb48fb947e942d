package io.marketdata.emulator.bitget;

import static io.marketdata.emulator.TestSupport.adminBook;
import static io.marketdata.emulator.TestSupport.assertDec;
import static io.marketdata.emulator.TestSupport.assertLevels;
import static io.marketdata.emulator.TestSupport.assertSortedBook;
import static io.marketdata.emulator.TestSupport.dec;
import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BitgetTest {

    static final String P = "/bitget/api/v2/mix/market";
    static final String PT = "productType=USDT-FUTURES";

    @BeforeEach
    void frozen() {
        freeze();
    }

    static JsonNode ok(String path) {
        JsonNode n = get(path);
        assertEquals("00000", n.get("code").asText());
        assertTrue(n.get("code").isTextual());
        assertEquals("success", n.get("msg").asText());
        assertTrue(n.get("requestTime").isIntegralNumber());
        return n.get("data");
    }

    @Test
    void contractsListUsdtFutures() {
        JsonNode data = ok(P + "/contracts?" + PT);
        Set<String> symbols = new HashSet<>();
        data.forEach(c -> symbols.add(c.get("symbol").asText()));
        assertEquals(get("/_emulator/symbols/bitget").size(), symbols.size());
        assertTrue(symbols.contains("PEPEUSDT"), "Bitget lists the plain PEPE");
        assertFalse(symbols.contains("1000PEPEUSDT"));
        assertFalse(symbols.contains("MKRUSDT"), "MKR is not listed on Bitget");
        JsonNode btc = ok(P + "/contracts?productType=usdt-futures&symbol=BTCUSDT").get(0);
        assertEquals("perpetual", btc.get("symbolType").asText());
        assertEquals("1", btc.get("pricePlace").asText());
        assertEquals("0.001", btc.get("sizeMultiplier").asText());
    }

    @Test
    void mergeDepthMaxIsTheWholeBookAndEqualsTheCanonicalBook() {
        JsonNode admin = adminBook("bitget", "BTCUSDT");
        JsonNode d = ok(P + "/merge-depth?symbol=BTCUSDT&" + PT + "&precision=scale0&limit=max");
        assertEquals(admin.get("bids").size(), d.get("bids").size());
        assertTrue(d.get("bids").size() >= 300, "max returns the whole modelled book");
        assertTrue(d.get("ts").isTextual() && d.get("ts").asText().matches("\\d{13}"));
        assertEquals("0.1", d.get("scale").asText());
        assertEquals("scale0", d.get("precision").asText());
        assertSortedBook(d.get("bids"), d.get("asks"), 0);
        assertLevels(d.get("bids"), admin.get("bids"), BigDecimal.ONE, "bids");
        assertLevels(d.get("asks"), admin.get("asks"), BigDecimal.ONE, "asks");
        assertEquals(100, ok(P + "/merge-depth?symbol=BTCUSDT&" + PT).get("asks").size(), "default 100");
        assertEquals(15, ok(P + "/merge-depth?symbol=BTCUSDT&" + PT + "&limit=15").get("asks").size());
        assertEquals("400172", get(P + "/merge-depth?symbol=BTCUSDT&" + PT + "&limit=7", 400).get("code").asText());
    }

    @Test
    void mergeDepthLevelsAreNumbersForSomeSymbolsAndStringsForOthers() {
        String numeric = null;
        String textual = null;
        for (JsonNode s : get("/_emulator/symbols/bitget")) {
            if (BitgetResource.levelsAsNumbers(s.asText())) {
                numeric = numeric == null ? s.asText() : numeric;
            } else {
                textual = textual == null ? s.asText() : textual;
            }
        }
        assertNotNull(numeric);
        assertNotNull(textual);
        for (String sym : new String[] {numeric, textual}) {
            JsonNode d = ok(P + "/merge-depth?symbol=" + sym + "&" + PT + "&limit=50");
            JsonNode lvl = d.get("asks").get(0);
            boolean numbers = BitgetResource.levelsAsNumbers(sym);
            assertEquals(numbers, lvl.get(0).isNumber(), sym + " price type");
            assertEquals(numbers, lvl.get(1).isNumber(), sym + " size type");
            assertEquals(!numbers, lvl.get(0).isTextual(), sym + " price type");
            JsonNode admin = adminBook("bitget", sym);
            assertLevels(d.get("asks"), admin.get("asks"), BigDecimal.ONE, sym + " asks");
            // The same symbol always has the same form.
            assertEquals(numbers, ok(P + "/merge-depth?symbol=" + sym + "&" + PT + "&limit=5").get("bids").get(0)
                    .get(0).isNumber());
        }
    }

    @Test
    void coarserPrecisionMergesLevels() {
        JsonNode d = ok(P + "/merge-depth?symbol=BTCUSDT&" + PT + "&precision=scale1&limit=50");
        assertEquals("1", d.get("scale").asText());
        for (JsonNode lvl : d.get("bids")) {
            assertTrue(dec(lvl.get(0)).stripTrailingZeros().scale() <= 0, "bucketed to whole units: " + lvl);
        }
        assertSortedBook(d.get("bids"), d.get("asks"), 0);
    }

    @Test
    void tickerIsAnArrayOfOneWithStringFields() {
        JsonNode admin = adminBook("bitget", "ETHUSDT");
        JsonNode data = ok(P + "/ticker?symbol=ETHUSDT&" + PT);
        assertTrue(data.isArray());
        assertEquals(1, data.size());
        JsonNode t = data.get(0);
        for (String f : new String[] {"lastPr", "bidPr", "askPr", "bidSz", "askSz", "baseVolume", "quoteVolume",
                "markPrice", "indexPrice", "fundingRate", "ts"}) {
            assertTrue(t.get(f).isTextual(), f);
        }
        assertDec(admin.get("last"), t.get("lastPr"), "last");
        assertDec(admin.get("best_bid"), t.get("bidPr"), "bid");
        assertDec(admin.get("best_ask"), t.get("askPr"), "ask");
        assertDec(admin.get("volume_24h"), t.get("baseVolume"), "volume");
        assertDec(admin.get("mark_price"), t.get("markPrice"), "mark");
        assertDec(admin.get("funding_rate"), t.get("fundingRate"), "funding");
        assertEquals(get("/_emulator/symbols/bitget").size(), ok(P + "/tickers?" + PT).size());
        JsonNode err = get(P + "/ticker?symbol=MKRUSDT&" + PT, 400);
        assertEquals("40034", err.get("code").asText());
        assertTrue(err.get("data").isNull());
    }

    @Test
    void currentFundRateIsAnArrayWithIntervalAndNextUpdateAsStrings() {
        JsonNode admin = adminBook("bitget", "BTCUSDT");
        JsonNode data = ok(P + "/current-fund-rate?symbol=BTCUSDT&" + PT);
        assertTrue(data.isArray());
        assertEquals(1, data.size());
        JsonNode f = data.get(0);
        assertEquals("BTCUSDT", f.get("symbol").asText());
        assertEquals("8", f.get("fundingRateInterval").asText());
        assertTrue(f.get("fundingRateInterval").isTextual());
        assertTrue(f.get("nextUpdate").isTextual());
        assertEquals(admin.get("next_funding_time").asLong(), Long.parseLong(f.get("nextUpdate").asText()));
        assertDec(admin.get("funding_rate"), f.get("fundingRate"), "funding");
        assertTrue(f.get("minFundingRate").isTextual() && f.get("maxFundingRate").isTextual());
    }
}
