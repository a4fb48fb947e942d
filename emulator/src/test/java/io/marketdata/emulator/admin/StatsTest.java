package io.marketdata.emulator.admin;

import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.get;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatsTest {

    @AfterEach
    void lift() {
        given().delete("/_emulator/faults").then().statusCode(200);
    }

    @Test
    void countsRequestsPerVenuePathAndStatusIncludingFaultedOnes() {
        freeze();
        given().post("/_emulator/stats/reset").then().statusCode(200);
        JsonNode empty = get("/_emulator/stats");
        assertEquals(0, empty.get("total").asLong());
        assertTrue(empty.get("venues").get("binance").get("last_request_at").isNull());

        long before = System.currentTimeMillis();
        given().get("/binance-futures/fapi/v1/depth?symbol=BTCUSDT&limit=5").then().statusCode(200);
        given().get("/binance-futures/fapi/v1/depth?symbol=ETHUSDT&limit=5").then().statusCode(200);
        given().get("/gateio/api/v4/futures/usdt/tickers?contract=BTC_USDT").then().statusCode(200);
        given().contentType("application/json").body("{\"mode\":\"http429\",\"retry_after_seconds\":3}")
                .put("/_emulator/faults/bybit").then().statusCode(200);
        given().get("/bybit/v5/market/tickers?category=linear").then().statusCode(429);
        get("/_emulator/book/binance/BTCUSDT"); // admin calls are not venue traffic

        JsonNode s = get("/_emulator/stats");
        assertEquals(4, s.get("total").asLong());
        JsonNode binance = s.get("venues").get("binance");
        assertEquals(2, binance.get("total").asLong());
        assertEquals(2, binance.get("paths").get("/fapi/v1/depth").asLong());
        assertEquals(2, binance.get("statuses").get("200").asLong());
        assertTrue(binance.get("last_request_at").asLong() >= before);
        JsonNode gate = s.get("venues").get("gateio");
        assertEquals(1, gate.get("paths").get("/api/v4/futures/usdt/tickers").asLong());
        JsonNode bybit = s.get("venues").get("bybit");
        assertEquals(1, bybit.get("total").asLong());
        assertEquals(1, bybit.get("statuses").get("429").asLong());
        assertEquals(0, s.get("venues").get("htx").get("total").asLong());

        given().post("/_emulator/stats/reset").then().statusCode(200);
        assertEquals(0, get("/_emulator/stats").get("total").asLong());
    }
}
