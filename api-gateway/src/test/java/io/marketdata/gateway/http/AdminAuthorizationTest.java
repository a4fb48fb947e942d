package io.marketdata.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.gateway.support.RawHttp;
import io.marketdata.gateway.support.StandInCollector;
import io.marketdata.gateway.support.StubServices;
import io.marketdata.gateway.support.StubServices.Reply;
import io.marketdata.gateway.support.Unlimited;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the admin check is decided on the matched resource method, so no spelling of a path
 * reaches a mutating route without the token. Every mutating route × every path variant, with and
 * without the token: a variant either reaches the method (401 without the token, 2xx with it) or no
 * method at all (the same 404/405 either way) — never 2xx without the token.
 */
@QuarkusTest
@QuarkusTestResource(StubServices.class)
@TestProfile(Unlimited.class)
class AdminAuthorizationTest {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final String MINT = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU";

    record Route(String method, String path, String query, String body) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("PUT", "/settings", "", "{\"w_tx\":0.15}"),
            new Route("POST", "/settings", "", "{\"w_tx\":0.15}"),
            new Route("POST", "/admin/recalculate", "", null),
            new Route("POST", "/tokens/" + MINT + "/refresh", "", null),
            new Route("POST", "/api/collector/symbols", "", "{\"symbol\":\"SOL/USDT:USDT\"}"),
            new Route("PUT", "/api/collector/symbols", "", "{\"symbols\":[\"SOL/USDT:USDT\"]}"),
            new Route("DELETE", "/api/collector/symbols", "?symbol=SOL/USDT:USDT", null));

    @TestHTTPResource("/")
    URI base;

    private StandInCollector collector;

    @BeforeEach
    void services() throws Exception {
        StubServices.reset();
        StubServices.startService("scoring");
        StubServices.on("scoring", "PUT", "/api/settings", Reply.json("{\"version\":7,\"settings\":{\"w_tx\":0.15}}"));
        StubServices.on("scoring", "POST", "/api/admin/recalculate", Reply.json("{\"recalculated\":0,\"skipped\":0}"));
        collector = new StandInCollector();
    }

    @AfterEach
    void stop() throws Exception {
        collector.close();
    }

    /** The spellings of one path that a raw-path check would not recognise. */
    static Set<String> variants(String path) {
        int last = path.lastIndexOf('/');
        String head = path.substring(0, last);
        String tail = path.substring(last + 1);
        Set<String> out = new LinkedHashSet<>();
        out.add(path);
        out.add(path + "/");
        out.add(path + "//");
        out.add(path + ";x=1");
        out.add(path + ";");
        out.add(head + "/" + tail + ";jsessionid=1/");
        out.add(path + "/.");
        out.add(path + "/./");
        out.add(head + "/./" + tail);
        out.add("/a/.." + path);
        out.add("/a/b/../.." + path);
        out.add(head + "/x/../" + tail);
        out.add("/" + path);
        out.add(head + "//" + tail);
        out.add(head + "/%" + Integer.toHexString(tail.charAt(0)) + tail.substring(1));
        out.add(head + "/" + percentEncodeAll(tail));
        out.add(path + "%2F");
        out.add(path + "%2f.");
        out.add(path.toUpperCase(Locale.ROOT));
        out.add(head + "/" + Character.toUpperCase(tail.charAt(0)) + tail.substring(1));
        out.add(path + "%20");
        out.add(path + "?x=1");
        return out;
    }

    private static String percentEncodeAll(String segment) {
        StringBuilder b = new StringBuilder();
        for (char c : segment.toCharArray()) {
            b.append('%').append(String.format("%02X", (int) c));
        }
        return b.toString();
    }

    @Test
    void noPathVariantReachesAMutatingRouteWithoutTheToken() {
        List<String> problems = new ArrayList<>();
        int reachedMethod = 0;
        for (Route route : ROUTES) {
            for (String variant : variants(route.path())) {
                String target = variant.contains("?") ? variant + route.query().replace('?', '&') : variant + route.query();
                int upstreamBefore = upstreamCalls();
                HttpResponse<String> anonymous = RawHttp.send(base, route.method(), target, route.body(), null);
                HttpResponse<String> wrong = RawHttp.send(base, route.method(), target, route.body(), "Bearer wrong");
                if (upstreamCalls() != upstreamBefore) {
                    problems.add(route.method() + " " + target + " reached the upstream without the token");
                }
                HttpResponse<String> admin = RawHttp.send(base, route.method(), target, route.body(), ADMIN);
                String what = route.method() + " " + target + ": anonymous " + anonymous.statusCode() + ", wrong token "
                        + wrong.statusCode() + ", admin " + admin.statusCode();
                if (is2xx(anonymous.statusCode()) || is2xx(wrong.statusCode())) {
                    problems.add(what + " — answered without the token");
                } else if (anonymous.statusCode() == 401) {
                    reachedMethod++;
                    assertUnauthorizedBody(anonymous, "this route needs the admin bearer token");
                    assertUnauthorizedBody(wrong, "the admin bearer token is wrong");
                    if (!is2xx(admin.statusCode())) {
                        problems.add(what + " — the token did not open it");
                    }
                } else if (!Set.of(400, 404, 405).contains(anonymous.statusCode())
                        || admin.statusCode() != anonymous.statusCode() || wrong.statusCode() != anonymous.statusCode()) {
                    problems.add(what + " — neither the method (401/2xx) nor no method (the same 404/405 either way)");
                } else {
                    assertErrorBody(anonymous);
                }
            }
        }
        assertEquals(List.of(), problems);
        // at least the exact path, the trailing slash, a matrix parameter and a dot segment of every route reach it
        assertTrue(reachedMethod >= ROUTES.size() * 4, "only " + reachedMethod + " variants reached a method");
    }

    private int upstreamCalls() {
        return StubServices.calls("scoring", "PUT", "/api/settings") + StubServices.calls("scoring", "POST", "/api/admin/recalculate")
                + collector.requests.size();
    }

    private static boolean is2xx(int status) {
        return status >= 200 && status < 300;
    }

    private static void assertUnauthorizedBody(HttpResponse<String> r, String message) {
        assertEquals(401, r.statusCode());
        assertEquals(AdminAuthentication.CHALLENGE, r.headers().firstValue("WWW-Authenticate").orElse(null));
        JsonNode body = assertErrorBody(r);
        assertEquals("unauthorized", body.path("error").asText());
        assertEquals(message, body.path("message").asText());
    }

    private static JsonNode assertErrorBody(HttpResponse<String> r) {
        try {
            JsonNode body = Json.MAPPER.readTree(r.body());
            assertEquals(r.statusCode(), body.path("status").asInt(), r.body());
            assertNotNull(body.get("error"), r.body());
            String requestId = r.headers().firstValue(ApiErrors.REQUEST_ID).orElse(null);
            assertNotNull(requestId);
            assertEquals(requestId, body.path("request_id").asText());
            return body;
        } catch (java.io.IOException e) {
            fail("not a JSON error body (" + r.statusCode() + "): " + r.body());
            return null;
        }
    }
}
