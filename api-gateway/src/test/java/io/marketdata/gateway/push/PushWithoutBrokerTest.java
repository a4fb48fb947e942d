package io.marketdata.gateway.push;

import static io.marketdata.gateway.push.PushClients.depthBody;
import static io.marketdata.gateway.push.PushClients.randomSymbol;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketdata.gateway.push.PushClients.Client;
import io.marketdata.gateway.support.StubServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No broker at start (a closed port): the gateway still starts, serves REST and snapshots, and says so in its health. */
@QuarkusTest
@QuarkusTestResource(StubServices.class)
@TestProfile(PushWithoutBrokerTest.NoBroker.class)
class PushWithoutBrokerTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return Map.of("rabbitmq-port", Integer.toString(socket.getLocalPort()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @TestHTTPResource("/")
    URI base;
    @Inject
    Redis redis;

    @Test
    void restAndSnapshotsWorkAndHealthReportsTheFeedDown() {
        given().get("/version").then().statusCode(200).body("name", equalTo("api-gateway"));
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'push-feed' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'push-feed' }.data.consumer_attached", equalTo(false));

        String symbol = randomSymbol();
        String key = "ob:latest:htx:futures:" + symbol;
        ObjectNode summary = depthBody("htx", "futures", symbol, 7.0);
        redis.send(Request.cmd(Command.SET).arg(key).arg(summary.toString()).arg("EX").arg("60")).await().indefinitely();
        try (Client c = new Client(base, "/ws/depth/htx/futures/" + symbol)) {
            JsonNode snapshot = c.next();
            assertEquals("snapshot", snapshot.path("type").asText());
            assertEquals(summary, snapshot.get("data"));
        } finally {
            redis.send(Request.cmd(Command.DEL).arg(key)).await().indefinitely();
        }
    }
}
