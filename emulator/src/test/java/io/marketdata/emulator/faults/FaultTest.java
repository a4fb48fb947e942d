package io.marketdata.emulator.faults;

import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.get;
import static io.marketdata.emulator.TestSupport.isValidJson;
import static io.marketdata.emulator.TestSupport.parse;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FaultTest {

    static final String BINANCE_DEPTH = "/binance-futures/fapi/v1/depth?symbol=BTCUSDT&limit=5";
    static final String SPOT_DEPTH = "/binance-spot/api/v3/depth?symbol=BTCUSDT&limit=5";
    static final String BYBIT_TICKERS = "/bybit/v5/market/tickers?category=linear&symbol=BTCUSDT";
    static final String BITGET_TICKER = "/bitget/api/v2/mix/market/ticker?symbol=BTCUSDT&productType=USDT-FUTURES";
    static final String HTX_DEPTH = "/htx/linear-swap-ex/market/depth?contract_code=BTC-USDT&type=step0";
    static final String GATE_BOOK = "/gateio/api/v4/futures/usdt/order_book?contract=BTC_USDT&limit=20";

    @BeforeEach
    void setUp() {
        freeze();
        given().delete("/_emulator/faults").then().statusCode(200);
    }

    @AfterEach
    void liftAll() {
        given().delete("/_emulator/faults").then().statusCode(200);
    }

    static JsonNode put(String venue, String body) {
        Response r = given().contentType("application/json").body(body).put("/_emulator/faults/" + venue);
        assertEquals(200, r.statusCode(), r::asString);
        return parse(r.asString());
    }

    @Test
    void http500AnswersTheVenuesErrorBodyAndSparesOtherVenues() {
        JsonNode f = put("bitget", "{\"mode\":\"http500\"}");
        assertEquals("http500", f.get("mode").asText());
        Response r = given().get(BITGET_TICKER);
        assertEquals(500, r.statusCode());
        assertTrue(r.contentType().startsWith("application/json"));
        JsonNode body = parse(r.asString());
        assertTrue(body.get("code").isTextual() && !body.get("code").asText().equals("00000"));
        // Every endpoint of the venue fails, other venues do not.
        assertEquals(500, given().get("/bitget/api/v2/mix/market/contracts?productType=USDT-FUTURES").statusCode());
        assertEquals(200, given().get(BYBIT_TICKERS).statusCode());
        given().delete("/_emulator/faults/bitget").then().statusCode(200);
        assertEquals(200, given().get(BITGET_TICKER).statusCode());
    }

    @Test
    void http429CarriesRetryAfter() {
        put("binance", "{\"mode\":\"http429\",\"retry_after_seconds\":7}");
        Response r = given().get(BINANCE_DEPTH);
        assertEquals(429, r.statusCode());
        assertEquals("7", r.header("Retry-After"));
        assertEquals(-1003, parse(r.asString()).get("code").asInt());
        assertEquals(429, given().get("/binance-futures/fapi/v1/premiumIndex").statusCode());
        assertEquals(200, given().get(SPOT_DEPTH).statusCode(), "Binance spot is a separate venue");
        put("gateio", "{\"mode\":\"http429\"}");
        Response g = given().get(GATE_BOOK);
        assertEquals(429, g.statusCode());
        assertEquals("2", g.header("Retry-After"), "default Retry-After");
        assertEquals("TOO_MANY_REQUESTS", parse(g.asString()).get("label").asText());
    }

    @Test
    void http418IsBinancesBan() {
        put("binance-spot", "{\"mode\":\"http418\",\"retry_after_seconds\":120}");
        Response r = given().get(SPOT_DEPTH);
        assertEquals(418, r.statusCode());
        assertEquals("120", r.header("Retry-After"));
        assertTrue(parse(r.asString()).get("msg").asText().contains("banned"));
        assertEquals(200, given().get(BINANCE_DEPTH).statusCode());
    }

    @Test
    void malformedIsA200WithInvalidJson() {
        put("gateio", "{\"mode\":\"malformed\"}");
        Response r = given().get(GATE_BOOK);
        assertEquals(200, r.statusCode());
        assertTrue(r.contentType().startsWith("application/json"));
        String body = r.asString();
        assertTrue(body.startsWith("{\""), body);
        assertFalse(isValidJson(body), "body must not parse: " + body);
        Response tickers = given().get("/gateio/api/v4/futures/usdt/tickers");
        assertEquals(200, tickers.statusCode());
        assertFalse(isValidJson(tickers.asString()));
        assertTrue(isValidJson(given().get(HTX_DEPTH).asString()), "other venues are untouched");
        given().delete("/_emulator/faults/gateio").then().statusCode(200);
        assertTrue(isValidJson(given().get(GATE_BOOK).asString()));
    }

    @Test
    void slowDelaysOnlyThatVenue() throws Exception {
        put("htx", "{\"mode\":\"slow\",\"delay_ms\":1500}");
        long start = System.nanoTime();
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() -> given().get(HTX_DEPTH));
        Thread.sleep(150);
        // While the HTX request is held, other venues answer at once.
        for (String path : new String[] {GATE_BOOK, BYBIT_TICKERS, BINANCE_DEPTH}) {
            long t0 = System.nanoTime();
            assertEquals(200, given().get(path).statusCode());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < 1000, path + " took " + ms + " ms");
        }
        assertFalse(slow.isDone(), "HTX is still delayed");
        Response r = slow.get(10, TimeUnit.SECONDS);
        long total = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(200, r.statusCode());
        assertEquals("ok", parse(r.asString()).get("status").asText(), "the delayed response is the real one");
        assertTrue(total >= 1500, "delayed " + total + " ms");
        given().delete("/_emulator/faults/htx").then().statusCode(200);
        long t0 = System.nanoTime();
        assertEquals(200, given().get(HTX_DEPTH).statusCode());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 1000, "lifted");
    }

    @Test
    void faultsAreListedAndLifted() {
        put("bybit", "{\"mode\":\"http500\"}");
        put("htx", "{\"mode\":\"slow\",\"delay_ms\":250}");
        JsonNode list = get("/_emulator/faults");
        assertEquals(2, list.size());
        assertEquals("bybit", list.get(0).get("venue").asText());
        assertEquals("htx", list.get(1).get("venue").asText());
        assertEquals(250, list.get(1).get("delay_ms").asLong());
        assertEquals(500, given().get(BYBIT_TICKERS).statusCode());
        JsonNode removed = parse(given().delete("/_emulator/faults/bybit").asString());
        assertTrue(removed.get("removed").asBoolean());
        assertEquals(200, given().get(BYBIT_TICKERS).statusCode());
        assertEquals(1, get("/_emulator/faults").size());
        assertFalse(parse(given().delete("/_emulator/faults/bybit").asString()).get("removed").asBoolean());
    }

    @Test
    void badFaultRequestsAreRejected() {
        assertEquals(400, given().contentType("application/json").body("{\"mode\":\"explode\"}")
                .put("/_emulator/faults/binance").statusCode());
        assertEquals(400, given().contentType("application/json").body("not json")
                .put("/_emulator/faults/binance").statusCode());
        assertEquals(400, given().contentType("application/json").body("{\"mode\":\"slow\",\"delay_ms\":-5}")
                .put("/_emulator/faults/binance").statusCode());
        assertEquals(404, given().contentType("application/json").body("{\"mode\":\"http500\"}")
                .put("/_emulator/faults/okx").statusCode());
        assertEquals(0, get("/_emulator/faults").size());
        assertEquals(200, given().get(BINANCE_DEPTH).statusCode());
    }
}
