package io.marketdata.gateway.push;

import static io.marketdata.gateway.push.PushClients.bytes;
import static io.marketdata.gateway.push.PushClients.depthBody;
import static io.marketdata.gateway.push.PushClients.indexBody;
import static io.marketdata.gateway.push.PushClients.randomMint;
import static io.marketdata.gateway.push.PushClients.randomSymbol;
import static io.marketdata.gateway.push.PushClients.scoreBody;
import static io.marketdata.gateway.push.PushClients.statusBody;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.Topology;
import io.marketdata.gateway.push.PushClients.Bus;
import io.marketdata.gateway.push.PushClients.Client;
import io.marketdata.gateway.support.StubServices;
import io.marketdata.gateway.support.StubServices.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket push against the real broker (vhost marketdata_test) and Redis. Other modules' tests
 * publish on the same exchanges, so every test follows its own random book or mint and looks for
 * its own messages among whatever else arrives.
 */
@QuarkusTest
@QuarkusTestResource(StubServices.class)
class PushSocketsTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    AnalyticsFeed feed;
    @Inject
    Redis redis;

    private Bus bus;
    private final List<Client> clients = new ArrayList<>();
    private final List<String> redisKeys = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        bus = new Bus();
        // the feed connects in the background; a message published before its queue exists is lost
        await().until(feed::attached);
    }

    @AfterEach
    void cleanUp() throws Exception {
        clients.forEach(Client::close);
        bus.close();
        for (String key : redisKeys) {
            redis.send(Request.cmd(Command.DEL).arg(key)).await().indefinitely();
        }
    }

    private Client client(String path) {
        Client c = new Client(base, path);
        clients.add(c);
        return c;
    }

    private static boolean isUpdate(JsonNode frame, String key, JsonNode data) {
        return "update".equals(frame.path("type").asText()) && key.equals(frame.path("key").asText())
                && data.equals(frame.get("data"));
    }

    @Test
    void depthClientGetsTheLatestBodyFirstThenUpdates() throws Exception {
        String symbol = randomSymbol();
        String key = "depth.binance.futures." + symbol;
        Client early = client("/ws/depth/binance/futures/" + symbol);
        JsonNode nothingYet = early.next();
        assertEquals("snapshot", nothingYet.path("type").asText());
        assertEquals("depth", nothingYet.path("channel").asText());
        assertEquals(key, nothingYet.path("key").asText());
        assertTrue(nothingYet.get("data").isNull(), "no value known for a new book: " + nothingYet);

        ObjectNode first = depthBody("binance", "futures", symbol, 100.0);
        bus.publishValid(Topology.ANALYTICS_EXCHANGE, key, MessageType.DEPTH_UPDATE, first);
        early.nextMatching(f -> isUpdate(f, key, first));

        // a client arriving now gets that body at once, as its first frame
        Client late = client("/ws/depth/binance/futures/" + symbol);
        JsonNode snapshot = late.next();
        assertEquals("snapshot", snapshot.path("type").asText());
        assertEquals("depth", snapshot.path("channel").asText());
        assertEquals(key, snapshot.path("key").asText());
        assertEquals(first, snapshot.get("data"));

        // a client that went away does not disturb delivery to the others
        early.close();
        ObjectNode second = depthBody("binance", "futures", symbol, 101.0);
        bus.publishValid(Topology.ANALYTICS_EXCHANGE, key, MessageType.DEPTH_UPDATE, second);
        JsonNode update = late.next();
        assertEquals("update", update.path("type").asText());
        assertEquals("depth", update.path("channel").asText());
        assertEquals(key, update.path("key").asText());
        assertEquals(second, update.get("data"));
    }

    @Test
    void depthSnapshotComesFromTheHotCacheWhenMemoryHasNothing_unifiedSymbolAccepted() throws Exception {
        String symbol = randomSymbol();
        String base = symbol.substring(0, symbol.length() - 4);
        String redisKey = "ob:latest:bybit:spot:" + symbol;
        ObjectNode summary = depthBody("bybit", "spot", symbol, 42.0);
        summary.put("spread_bps", 119.0);
        summary.putArray("bids").addArray().add(42.0).add(3.0);
        summary.putArray("asks").addArray().add(42.5).add(2.0);
        redisKeys.add(redisKey);
        redis.send(Request.cmd(Command.SET).arg(redisKey).arg(summary.toString()).arg("EX").arg("60")).await().indefinitely();

        // BASE/USDT, URL-encoded in the path, is the same book as BASEUSDT
        Client c = client("/ws/depth/bybit/spot/" + base + "%2FUSDT");
        JsonNode snapshot = c.next();
        assertEquals("snapshot", snapshot.path("type").asText());
        assertEquals("depth.bybit.spot." + symbol, snapshot.path("key").asText());
        assertEquals(summary, snapshot.get("data"));
    }

    @Test
    void badSubscriptionsGetAnErrorFrameAndPolicyViolationClose() {
        for (String path : List.of("/ws/depth/kraken/futures/BTCUSDT", "/ws/depth/binance/options/BTCUSDT",
                "/ws/depth/binance/futures/BTC-USDT")) {
            Client c = client(path);
            JsonNode error = c.next();
            assertEquals("error", error.path("type").asText(), path);
            assertEquals("depth", error.path("channel").asText(), path);
            assertTrue(error.path("message").asText().length() > 0, path);
            await().until(() -> c.closed != null);
            assertEquals(PushHub.POLICY_VIOLATION, c.closed.getCode(), path);
        }
        Client c = client("/ws/depth/kraken/futures/BTCUSDT");
        assertTrue(c.next().path("message").asText().contains("kraken"));
    }

    @Test
    void invalidMessagesAreCountedAndSkippedWithoutStoppingTheFeed() throws Exception {
        String symbol = randomSymbol();
        String key = "depth.gateio.futures." + symbol;
        Client c = client("/ws/depth/gateio/futures/" + symbol);
        c.next(); // the (empty) snapshot
        double before = metric("gateway_push_invalid_total", "");

        bus.publish(Topology.ANALYTICS_EXCHANGE, key, bytes("{not json"));
        ObjectNode schemaInvalid = depthBody("gateio", "futures", symbol, 10.0);
        schemaInvalid.remove("bands");
        bus.publish(Topology.ANALYTICS_EXCHANGE, key, Json.toBytes(schemaInvalid));
        ObjectNode valid = depthBody("gateio", "futures", symbol, 10.0);
        bus.publishValid(Topology.ANALYTICS_EXCHANGE, key, MessageType.DEPTH_UPDATE, valid);

        // one queue, in order: the valid body is the next frame, so both bad ones were handled before it
        JsonNode update = c.next();
        assertEquals(valid, update.get("data"));
        await().until(() -> metric("gateway_push_invalid_total", "") >= before + 2);
        assertTrue(feed.attached());
    }

    @Test
    void indicesClientGetsEveryLatestIndexThenUpdates() throws Exception {
        Client early = client("/ws/indices");
        JsonNode first = early.next();
        assertEquals("snapshot", first.path("type").asText());
        assertEquals("indices", first.path("channel").asText());
        assertTrue(first.get("data").isArray(), first.toString());

        ObjectNode index = indexBody("OTHERS", "spot", 700_000 + (int) (Math.random() * 100_000));
        bus.publishValid(Topology.ANALYTICS_EXCHANGE, "index.OTHERS", MessageType.INDEX_UPDATE, index);
        JsonNode update = early.nextMatching(f -> isUpdate(f, "index.OTHERS", index));
        assertEquals("indices", update.path("channel").asText());

        // known now: a new client's snapshot has an OTHERS/spot index (ours, or a newer one from elsewhere)
        Client late = client("/ws/indices");
        JsonNode snapshot = late.next();
        assertEquals("snapshot", snapshot.path("type").asText());
        boolean present = false;
        for (JsonNode i : snapshot.get("data")) {
            present |= "OTHERS".equals(i.path("name").asText()) && "spot".equals(i.path("market").asText());
        }
        assertTrue(present, snapshot.toString());

        ObjectNode next = indexBody("TOTAL", "futures", 5);
        bus.publishValid(Topology.ANALYTICS_EXCHANGE, "index.TOTAL", MessageType.INDEX_UPDATE, next);
        late.nextMatching(f -> isUpdate(f, "index.TOTAL", next));
    }

    @Test
    void scoresClientGetsTheServicesLatestMergedWithPushedScoresThenUpdates() throws Exception {
        String listed = randomMint();
        ObjectNode row = scoreBody(listed, 0.81);
        row.put("status", "active");
        StubServices.on("scoring", "GET", "/api/scores/latest",
                Reply.json("{\"model\":\"hybrid_momentum\",\"count\":1,\"scores\":[" + row + "]}"));

        Client early = client("/ws/scores");
        JsonNode first = early.next();
        assertEquals("snapshot", first.path("type").asText());
        assertEquals("scores", first.path("channel").asText());
        assertEquals("score.updated", first.path("key").asText());
        assertTrue(contains(first.get("data"), row), "the scoring-service's row is in the snapshot: " + first);

        String pushed = randomMint();
        ObjectNode score = scoreBody(pushed, 0.66);
        bus.publishValid(Topology.TOKEN_EVENTS_EXCHANGE, "score.updated", MessageType.SCORE_UPDATED, score);
        early.nextMatching(f -> isUpdate(f, "score.updated", score));
        ObjectNode status = statusBody(pushed, "monitoring", "active");
        bus.publishValid(Topology.TOKEN_EVENTS_EXCHANGE, "token.status_changed", MessageType.TOKEN_STATUS_CHANGED, status);
        JsonNode statusUpdate = early.nextMatching(f -> isUpdate(f, "token.status_changed", status));
        assertEquals("scores", statusUpdate.path("channel").asText());

        // a new client sees both: the service's list and the score pushed since
        Client late = client("/ws/scores");
        JsonNode snapshot = late.next();
        assertEquals("snapshot", snapshot.path("type").asText());
        assertTrue(contains(snapshot.get("data"), row), snapshot.toString());
        assertTrue(contains(snapshot.get("data"), score), snapshot.toString());
    }

    @Test
    void pushFeedHealthAndMetrics() {
        String symbol = randomSymbol();
        Client c = client("/ws/depth/htx/spot/" + symbol);
        assertEquals("snapshot", c.next().path("type").asText());
        await().until(() -> metric("gateway_ws_connections", "channel=\"depth\"") >= 1
                && metric("gateway_ws_messages_sent_total", "channel=\"depth\"") >= 1);

        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'push-feed' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'push-feed' }.data.consumer_attached", org.hamcrest.Matchers.equalTo(true));
    }

    private static boolean contains(JsonNode array, JsonNode wanted) {
        for (JsonNode element : array) {
            if (element.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Sum of a Prometheus series' samples whose labels contain {@code labels}. */
    private static double metric(String name, String labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labels) || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
