package io.marketdata.emulator.admin;

import static io.marketdata.emulator.TestSupport.adminBook;
import static io.marketdata.emulator.TestSupport.assertDec;
import static io.marketdata.emulator.TestSupport.dec;
import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.get;
import static io.marketdata.emulator.TestSupport.parse;
import static io.marketdata.emulator.TestSupport.resume;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.emulator.market.Instrument;
import io.marketdata.emulator.market.MarketClock;
import io.marketdata.emulator.market.MarketModel;
import io.marketdata.emulator.market.OrderBook;
import io.marketdata.emulator.market.Snapshot;
import io.marketdata.emulator.market.Venue;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClockAndAdminTest {

    @AfterEach
    void frozenAgain() {
        freeze();
    }

    /** The parts of a native HTX depth response that must not change while frozen (not the timestamps). */
    static String htxLevels() {
        JsonNode tick = get("/htx/linear-swap-ex/market/depth?contract_code=BTC-USDT&type=step0").get("tick");
        return tick.get("bids").toString() + tick.get("asks") + tick.get("version");
    }

    static String canonical(JsonNode book) {
        return book.get("bids").toString() + book.get("asks") + book.get("last") + book.get("mark_price")
                + book.get("funding_rate") + book.get("volume_24h") + book.get("update_id") + book.get("tick");
    }

    @Test
    void frozenBooksDoNotChange() throws InterruptedException {
        long tick = freeze().get("tick").asLong();
        String admin1 = canonical(adminBook("gateio", "BTCUSDT"));
        String native1 = htxLevels();
        Thread.sleep(450); // more than four ticks of the 100 ms test clock
        assertEquals(tick, get("/_emulator/clock").get("tick").asLong());
        assertEquals(admin1, canonical(adminBook("gateio", "BTCUSDT")));
        assertEquals(native1, htxLevels());
    }

    @Test
    void resumedBooksMove() throws InterruptedException {
        JsonNode before = adminBook("binance", "ETHUSDT");
        long tick = before.get("tick").asLong();
        resume();
        long deadline = System.currentTimeMillis() + 5000;
        JsonNode after = before;
        while (System.currentTimeMillis() < deadline && after.get("tick").asLong() < tick + 3) {
            Thread.sleep(100);
            after = adminBook("binance", "ETHUSDT");
        }
        assertTrue(after.get("tick").asLong() >= tick + 3, "clock runs again");
        assertTrue(after.get("update_id").asLong() > before.get("update_id").asLong());
        assertNotEquals(canonical(before), canonical(after), "book changed");
    }

    @Test
    void stepAdvancesAFrozenClockExactly() {
        long tick = freeze().get("tick").asLong();
        JsonNode stepped = parse(given().post("/_emulator/clock/step?ticks=5").asString());
        assertEquals(tick + 5, stepped.get("tick").asLong());
        assertTrue(stepped.get("frozen").asBoolean());
        assertEquals(tick + 5, adminBook("bybit", "BTCUSDT").get("tick").asLong());
        assertEquals(400, given().post("/_emulator/clock/step?ticks=-1").statusCode());
    }

    @Test
    void theAppsMarketIsTheSeededModelsMarket() {
        JsonNode clock = freeze();
        long tick = clock.get("tick").asLong();
        assertEquals(42, clock.get("seed").asLong());
        JsonNode admin = adminBook("binance", "BTCUSDT");
        assertEquals(tick, admin.get("tick").asLong());
        // A fresh model with the same seed, frozen at the same tick, has the very same book.
        MarketClock c = new MarketClock(1000, System::currentTimeMillis, true);
        c.step(tick);
        MarketModel fresh = new MarketModel(42, c, 7200);
        Instrument btc = fresh.byRouting(Venue.BINANCE, "BTCUSDT");
        Snapshot s = fresh.snapshot(btc);
        OrderBook b = s.book();
        assertEquals(b.bidCount(), admin.get("bids").size());
        for (int k = 0; k < b.bidCount(); k++) {
            assertDec(btc.priceDecimal(b.bidPrice(k)), dec(admin.get("bids").get(k).get(0)), "bid price " + k);
            assertDec(btc.baseSizeDecimal(b.bidUnits(k)), dec(admin.get("bids").get(k).get(1)), "bid size " + k);
        }
        assertDec(btc.priceDecimal(s.quote().markTicks()), dec(admin.get("mark_price")), "mark");
        assertDec(s.quote().fundingRate(), dec(admin.get("funding_rate")), "funding");
        assertEquals(s.updateId(), admin.get("update_id").asLong());
    }

    @Test
    void adminBookDescribesTheCanonicalState() {
        freeze();
        JsonNode b = adminBook("htx", "BTCUSDT");
        assertEquals("htx", b.get("venue").asText());
        assertEquals("BTCUSDT", b.get("symbol").asText());
        assertEquals("BTC-USDT", b.get("native_id").asText());
        assertDec(b.get("bids").get(0).get(0), b.get("best_bid"), "best bid");
        assertDec(b.get("asks").get(0).get(0), b.get("best_ask"), "best ask");
        assertTrue(b.get("next_funding_time").asLong() % (8 * 3600 * 1000L) == 0);
        assertEquals(400, b.get("bids").size());
        assertEquals("BTC_USDT", adminBook("gateio", "btcusdt").get("native_id").asText());
        JsonNode notListed = get("/_emulator/book/htx/NOTUSDT", 404);
        assertEquals("not_listed", notListed.get("error").asText());
        assertEquals("unknown_venue", get("/_emulator/book/okx/BTCUSDT", 404).get("error").asText());
        JsonNode symbols = get("/_emulator/symbols/htx");
        assertTrue(symbols.isArray() && symbols.size() >= 58);
        assertTrue(symbols.toString().contains("\"BTCUSDT\""));
        assertTrue(!symbols.toString().contains("\"NOTUSDT\"") && !symbols.toString().contains("\"EGLDUSDT\""));
        assertTrue(get("/_emulator/symbols/binance").toString().contains("\"1000PEPEUSDT\""));
        JsonNode index = get("/_emulator");
        assertEquals(6, index.get("venues").size());
    }

    @Test
    void readinessReportsTheModel() {
        JsonNode health = get("/q/health/ready");
        assertEquals("UP", health.get("status").asText());
        assertEquals(42, health.get("checks").get(0).get("data").get("seed").asLong());
    }
}
