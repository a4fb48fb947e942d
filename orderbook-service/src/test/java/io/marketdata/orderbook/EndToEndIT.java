package io.marketdata.orderbook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.marketdata.orderbook.bands.BandCalculator;
import io.marketdata.orderbook.bands.Bands;
import io.marketdata.orderbook.support.JavaService;
import io.marketdata.orderbook.support.TestBus;
import io.marketdata.orderbook.support.TestDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * The whole chain over the real broker, as deploy/run.sh runs it: emulator → collector-service
 * (live Binance books from the diff-depth streams, REST polling for the others) → orderbook-service
 * → {@code depth.*} messages, minute rows and the HTTP API. With the emulator's clock frozen, the
 * published bands must equal the bands of the emulator's own book.
 */
class EndToEndIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + " → " + r.body());
        return r.body();
    }

    private static void post(String url) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void emulatorToCollectorToOrderbook() throws Exception {
        // the collector's symbol set lives in the test database: start from its seed (BTC, ETH)
        TestDb.execute("DROP SCHEMA IF EXISTS collector CASCADE");
        String queue = "orderbook.market_data.e2e";
        int emulatorPort = JavaService.freePort();
        String emulator = "http://localhost:" + emulatorPort;
        String emulatorWs = "ws://localhost:" + emulatorPort;
        Map<String, String> collectorEnv = new HashMap<>(Map.of(
                "RABBITMQ_VIRTUAL_HOST", TestBus.VHOST,
                "QUARKUS_DATASOURCE_JDBC_URL", TestDb.URL,
                "COLLECTOR_INTERVAL_SECONDS", "2",
                "COLLECTOR_EXCHANGES_BINANCE_REST_URL", emulator + "/binance-futures",
                "COLLECTOR_EXCHANGES_BINANCE_WS_URL", emulatorWs + "/binance-futures",
                "COLLECTOR_EXCHANGES_BINANCE_SPOT_REST_URL", emulator + "/binance-spot",
                "COLLECTOR_EXCHANGES_BINANCE_SPOT_WS_URL", emulatorWs + "/binance-spot",
                "COLLECTOR_EXCHANGES_BYBIT_REST_URL", emulator + "/bybit",
                "COLLECTOR_EXCHANGES_BITGET_REST_URL", emulator + "/bitget"));
        collectorEnv.put("COLLECTOR_EXCHANGES_HTX_REST_URL", emulator + "/htx");
        collectorEnv.put("COLLECTOR_EXCHANGES_GATEIO_REST_URL", emulator + "/gateio/api/v4");
        Map<String, String> orderbookEnv = new HashMap<>(OrderbookProcessIT.environment());
        orderbookEnv.put("ORDERBOOK_CONSUMER_QUEUE", queue);

        try (TestBus bus = new TestBus();
                JavaService emu = new JavaService("emulator", JavaService.jarOf("emulator"),
                        emulatorPort, Map.of()).start(Duration.ofSeconds(60));
                JavaService orderbook = new JavaService("orderbook-e2e", OrderbookProcessIT.JAR, JavaService.freePort(), orderbookEnv);
                JavaService collector = new JavaService("collector-e2e",
                        JavaService.jarOf("collector-service"), JavaService.freePort(),
                        collectorEnv)) {
            bus.deleteQueue(queue);
            orderbook.start(Duration.ofSeconds(60));
            BlockingQueue<TestBus.Received> depth = bus.subscribe(Topology.ANALYTICS_EXCHANGE, "depth.#");
            collector.start(Duration.ofSeconds(60));

            // every venue's books come through as depth messages, schema-valid
            for (String key : new String[] {"depth.binance.futures.BTCUSDT", "depth.binance.spot.BTCUSDT",
                "depth.bybit.futures.ETHUSDT", "depth.bitget.futures.BTCUSDT", "depth.htx.futures.ETHUSDT",
                "depth.gateio.futures.BTCUSDT"}) {
                TestBus.Received r = TestBus.await(depth, x -> x.routingKey().equals(key), Duration.ofSeconds(60));
                assertNotNull(r, "no " + key);
                assertTrue(SchemaValidator.get().validate(MessageType.DEPTH_UPDATE, r.body()).isEmpty(), key);
            }

            // a still market: the bands published for the live Binance book are the emulator book's bands
            post(emulator + "/_emulator/clock/freeze");
            JsonNode canonical = Json.MAPPER.readTree(get(emulator + "/_emulator/book/binance/BTCUSDT"));
            Bands expected = bands(canonical);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TestBus.Received r = TestBus.await(depth, x -> x.routingKey().equals("depth.binance.futures.BTCUSDT"),
                        Duration.ofSeconds(5));
                assertNotNull(r);
                JsonNode body = Json.MAPPER.readTree(r.body());
                assertEquals(expected.bestBid, body.get("best_bid").asDouble(), 1e-9);
                for (int d = 0; d < 6; d++) {
                    JsonNode band = body.get("bands").get(d);
                    assertEquals(expected.bidVolume[d], band.get("bid_volume").asDouble(), 1e-6 * (1 + expected.bidVolume[d]));
                    assertEquals(expected.askValue[d], band.get("ask_value_usd").asDouble(), 1e-6 * (1 + expected.askValue[d]));
                }
            });
            JsonNode current = Json.MAPPER.readTree(get(orderbook.url("/api/depth/binance/futures?symbol=BTCUSDT")));
            assertEquals(20, current.get("bids").size());
            assertEquals(expected.bestAsk, current.get("best_ask").asDouble(), 1e-9);
            post(emulator + "/_emulator/clock/resume");

            // the first minute that closes is stored (at most ~60 s + a cycle away)
            await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> TestDb.rowsOf("binance", "futures", "BTCUSDT") > 0 && TestDb.rowsOf("gateio", "futures", "ETHUSDT") > 0);
            JsonNode chart = Json.MAPPER.readTree(get(orderbook.url(
                    "/api/chart-data?exchange=binance&marketType=futures&symbol=BTCUSDT&depth=5&type=bid")));
            assertTrue(chart.get("count").asInt() >= 1, chart.toString());
            assertTrue(chart.get("data").get(0).get("value").asDouble() > 0);
            collector.terminate(Duration.ofSeconds(30));
            orderbook.terminate(Duration.ofSeconds(30));
        }
    }

    /** Bands of the emulator's canonical book (base units), computed the way the service does. */
    private static Bands bands(JsonNode book) {
        JsonNode bids = book.get("bids");
        JsonNode asks = book.get("asks");
        double[] bp = new double[bids.size()];
        double[] bq = new double[bids.size()];
        double[] ap = new double[asks.size()];
        double[] aq = new double[asks.size()];
        for (int i = 0; i < bids.size(); i++) {
            bp[i] = bids.get(i).get(0).asDouble();
            bq[i] = bids.get(i).get(1).asDouble();
        }
        for (int i = 0; i < asks.size(); i++) {
            ap[i] = asks.get(i).get(0).asDouble();
            aq[i] = asks.get(i).get(1).asDouble();
        }
        Bands out = new Bands();
        BandCalculator.compute(bp, bq, bp.length, ap, aq, ap.length, out);
        return out;
    }
}
