package io.marketdata.gateway.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.gateway.support.StubServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-client rate limit (a small bucket in this profile), the admin token, OpenAPI and Swagger UI. */
@QuarkusTest
@QuarkusTestResource(StubServices.class)
@TestProfile(EdgeFiltersTest.SmallBucket.class)
class EdgeFiltersTest {

    public static class SmallBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limit.burst", "5", "gateway.rate-limit.per-second", "1");
        }
    }

    @Test
    void aClientThatFloodsGets429WithRetryAfterAndStaticFilesAreNotLimited() {
        int limited = 0;
        Response last = null;
        for (int i = 0; i < 8; i++) {
            Response r = given().get("/version");
            if (r.statusCode() == 429) {
                limited++;
                last = r;
            } else {
                assertEquals(200, r.statusCode());
                assertEquals("5", r.header("X-RateLimit-Limit"));
                assertTrue(Integer.parseInt(r.header("X-RateLimit-Remaining")) < 5);
            }
        }
        assertTrue(limited >= 2, "expected 429s after a burst of 5, got " + limited);
        assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1);
        assertEquals("0", last.header("X-RateLimit-Remaining"));
        last.then().body("error", equalTo("rate_limited")).body("request_id", notNullValue());
        // the OpenAPI document and the dashboard's files are not API routes: never limited
        for (int i = 0; i < 3; i++) {
            given().get("/openapi").then().statusCode(200).body(containsString("/api/depth/{exchange}/{market}"));
        }
        given().get("/swagger-ui/").then().statusCode(200);
    }

    @Test
    void routeClassification() {
        assertTrue(EdgeFilters.isApi("/api/depth/binance/futures"));
        assertTrue(EdgeFilters.isApi("/tokens"));
        assertTrue(EdgeFilters.isApi("/tokens/abc/refresh"));
        assertTrue(EdgeFilters.isApi("/config/dynamic_strategy.toml"));
        assertTrue(EdgeFilters.isApi("/settings"));
        assertTrue(EdgeFilters.isApi("/admin/recalculate"));
        assertTrue(!EdgeFilters.isApi("/"));
        assertTrue(!EdgeFilters.isApi("/app.js"));
        assertTrue(!EdgeFilters.isApi("/ws/scores"));
        assertTrue(!EdgeFilters.isApi("/q/metrics"));
        assertTrue(!EdgeFilters.isApi("/tokensx"));
    }
}
