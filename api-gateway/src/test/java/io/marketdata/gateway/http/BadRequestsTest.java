package io.marketdata.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.control.ControlRequest;
import io.marketdata.gateway.support.RawHttp;
import io.marketdata.gateway.support.StandInCollector;
import io.marketdata.gateway.support.StubServices;
import io.marketdata.gateway.support.Unlimited;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Bounds at the edge (issue 12): bodies over {@code quarkus.http.limits.max-body-size} → 413, symbols
 * longer than {@code ControlRequest.MAX_SYMBOL_LENGTH} or more than {@code MAX_SYMBOLS} → 400 naming
 * the field, and no answer echoes unbounded input. Several hundred bad requests of each kind, each
 * answered with a 4xx JSON error; a valid request still works afterwards.
 */
@QuarkusTest
@QuarkusTestResource(StubServices.class)
@TestProfile(Unlimited.class)
class BadRequestsTest {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final int ROUNDS = 200;
    /** An error answer quotes at most {@link ApiErrors#MAX_ECHO} characters of the input, plus its own words. */
    private static final int MAX_ANSWER = 600;

    @TestHTTPResource("/")
    URI base;

    private final Random random = new Random(12);

    record Bad(String what, int status, String field, IntFunction<HttpResponse<String>> send) {
    }

    @Test
    void hundredsOfBadRequestsGetA4xxJsonErrorAndTheServiceStillAnswers() throws Exception {
        try (StandInCollector collector = new StandInCollector()) {
            List<Bad> kinds = List.of(
                    new Bad("body over 64K (Content-Length)", 413, null, i -> RawHttp.send(base, "PUT", "/settings",
                            "{\"w_tx\":\"" + "x".repeat(64 * 1024 + i) + "\"}", ADMIN)),
                    new Bad("body over 64K, no token", 413, null, i -> RawHttp.send(base, "POST", "/api/collector/symbols",
                            "{\"symbol\":\"" + "y".repeat(70_000 + i) + "\"}", null)),
                    new Bad("symbol too long", 400, "symbol", i -> RawHttp.send(base, "POST", "/api/collector/symbols",
                            "{\"symbol\":\"" + randomText(ControlRequest.MAX_SYMBOL_LENGTH + 1 + i * 50) + "\"}", ADMIN)),
                    new Bad("symbol too long in the query", 400, "symbol", i -> RawHttp.send(base, "DELETE",
                            "/api/collector/symbols?symbol=" + "Z".repeat(65 + i * 10),
                            null, ADMIN)),
                    new Bad("too many symbols", 400, "symbols", i -> RawHttp.send(base, "PUT", "/api/collector/symbols",
                            symbols(ControlRequest.MAX_SYMBOLS + 1 + i, 8), ADMIN)),
                    new Bad("one symbol of a list too long", 400, "symbols", i -> RawHttp.send(base, "PUT",
                            "/api/collector/symbols", "{\"symbols\":[\"BTC/USDT:USDT\",\"" + "Z".repeat(65 + i) + "\"]}", ADMIN)),
                    new Bad("empty symbol list", 400, "symbols", i -> RawHttp.send(base, "PUT", "/api/collector/symbols",
                            "{\"symbols\":[]}", ADMIN)),
                    new Bad("not JSON", 400, null, i -> RawHttp.send(base, "POST", "/api/collector/symbols",
                            "{\"symbol\": " + randomText(10 + i), ADMIN)),
                    new Bad("long malformed market symbol", 400, "symbol", i -> RawHttp.send(base, "GET",
                            "/api/depth/binance/futures?symbol=" + "Q".repeat(100 + i * 15), (String) null, null)),
                    new Bad("long unknown exchange", 400, "exchange", i -> RawHttp.send(base, "GET",
                            "/api/depth/" + "e".repeat(100 + i * 15) + "/futures?symbol=BTCUSDT", (String) null, null)),
                    new Bad("long unknown route", 404, null, i -> RawHttp.send(base, "GET",
                            "/api/" + "r".repeat(100 + i * 15), (String) null, null)),
                    new Bad("long bad time", 400, "from", i -> RawHttp.send(base, "GET",
                            "/api/chart-data?symbol=BTCUSDT&from=" + "t".repeat(100 + i * 15), (String) null, null)));
            int answered = 0;
            for (Bad kind : kinds) {
                for (int i = 0; i < ROUNDS; i++) {
                    HttpResponse<String> r = kind.send().apply(i);
                    assertError(kind, r);
                    answered++;
                }
            }
            assertEquals(kinds.size() * ROUNDS, answered);
            // a chunked body (no Content-Length) over the limit is refused too
            byte[] big = ("{\"w_tx\":\"" + "c".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> chunked = RawHttp.sendBody(base, "PUT", "/settings",
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)), ADMIN);
            assertEquals(413, chunked.statusCode(), chunked.body());
            assertTrue(collector.requests.isEmpty(), "a bad request reached the control queue: " + collector.requests);

            // the service still answers a valid request, and the bounds themselves are accepted
            String longest = "A".repeat(ControlRequest.MAX_SYMBOL_LENGTH);
            HttpResponse<String> ok = RawHttp.send(base, "POST", "/api/collector/symbols", "{\"symbol\":\"" + longest + "\"}", ADMIN);
            assertEquals(200, ok.statusCode(), ok.body());
            HttpResponse<String> most = RawHttp.send(base, "PUT", "/api/collector/symbols", symbols(ControlRequest.MAX_SYMBOLS, 8),
                    ADMIN);
            assertEquals(200, most.statusCode(), most.body());
            assertEquals(2, collector.requests.size());
            assertEquals(longest, collector.requests.get(0).body().path("symbol").asText());
            assertEquals(ControlRequest.MAX_SYMBOLS, collector.requests.get(1).body().path("symbols").size());
            assertEquals(200, RawHttp.send(base, "GET", "/version", (String) null, null).statusCode());
        }
    }

    private void assertError(Bad kind, HttpResponse<String> r) {
        String what = kind.what() + " → " + r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length()));
        assertEquals(kind.status(), r.statusCode(), what);
        assertTrue(r.body().length() <= MAX_ANSWER, "answer echoes too much: " + r.body().length() + " chars, " + what);
        try {
            JsonNode body = Json.MAPPER.readTree(r.body());
            assertEquals(kind.status(), body.path("status").asInt(), what);
            assertNotNull(body.get("error"), what);
            assertTrue(body.path("request_id").isTextual(), what);
            if (kind.field() != null) {
                assertEquals(kind.field(), body.path("field").asText(), what);
            }
        } catch (java.io.IOException e) {
            fail("not JSON: " + what);
        }
    }

    private String randomText(int length) {
        StringBuilder b = new StringBuilder(length);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:-_.";
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static String symbols(int count, int length) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add("\"" + String.format("S%0" + (length - 1) + "d", i) + "\"");
        }
        return "{\"symbols\":[" + String.join(",", out) + "]}";
    }
}
