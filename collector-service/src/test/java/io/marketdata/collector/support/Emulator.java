package io.marketdata.collector.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The emulator module's packaged jar, started once per test JVM as a separate process on a free
 * port (the reactor packages the emulator before this module's tests run), plus a client of its
 * admin API: canonical books, clock freezing and stepping, REST and stream fault injection.
 */
public final class Emulator {

    private static Emulator instance;
    private final Process process;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    private Emulator(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    public static synchronized Emulator get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static Emulator start() {
        Path jar = Path.of("../emulator/target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("emulator not built: " + jar + " (run the reactor build, e.g. deploy/test.sh)");
        }
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            File log = Files.createTempFile("emulator-test", ".log").toFile();
            Process process = new ProcessBuilder("java", "-Xmx256m", "-Dquarkus.http.port=" + port,
                    "-Dquarkus.log.console.json.enabled=false", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log).start();
            Emulator emulator = new Emulator(process, "http://localhost:" + port);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("emulator exited: " + Files.readString(log.toPath()));
                }
                try {
                    if (emulator.status("GET", "/q/health/ready", null) == 200) {
                        return emulator;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("emulator did not become ready: " + Files.readString(log.toPath()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** ws://… of this emulator, where its venues' WebSocket streams live. */
    public String wsBaseUrl() {
        return baseUrl.replaceFirst("^http", "ws");
    }

    /** Config overrides pointing every collector adapter (REST and Binance's streams) at this emulator. */
    public Map<String, String> collectorConfig() {
        return Map.of(
                "collector.exchanges.binance.rest-url", baseUrl + "/binance-futures",
                "collector.exchanges.binance.ws-url", wsBaseUrl() + "/binance-futures",
                "collector.exchanges.binance.spot-rest-url", baseUrl + "/binance-spot",
                "collector.exchanges.binance.spot-ws-url", wsBaseUrl() + "/binance-spot",
                "collector.exchanges.bybit.rest-url", baseUrl + "/bybit",
                "collector.exchanges.bitget.rest-url", baseUrl + "/bitget",
                "collector.exchanges.htx.rest-url", baseUrl + "/htx",
                "collector.exchanges.gateio.rest-url", baseUrl + "/gateio/api/v4",
                "collector.pumpportal.ws-url", wsBaseUrl() + "/pumpportal/api/data",
                "collector.dexscreener.rest-url", baseUrl + "/dexscreener");
    }

    public void freeze() {
        call("POST", "/_emulator/clock/freeze", null);
    }

    public void resume() {
        call("POST", "/_emulator/clock/resume", null);
    }

    /** Advances a frozen market by {@code ticks} (each one a stream event per symbol). */
    public void step(int ticks) {
        call("POST", "/_emulator/clock/step?ticks=" + ticks, null);
    }

    /** Stream faults of {@code binance-futures} / {@code binance-spot}: the next event of the symbol is skipped. */
    public void streamGap(String streamVenue, String nativeSymbol) {
        call("POST", "/_emulator/streams/" + streamVenue + "/gap?symbol=" + nativeSymbol, null);
    }

    /** Closes every stream connection of the venue. */
    public void dropStreams(String streamVenue) {
        call("POST", "/_emulator/streams/" + streamVenue + "/drop", null);
    }

    /** While silent, connections stay open but carry no frame at all. */
    public void silenceStreams(String streamVenue, boolean silent) {
        call(silent ? "PUT" : "DELETE", "/_emulator/streams/" + streamVenue + "/silence", null);
    }

    /** {"connections","subscriptions","events_sent","gaps_injected","silent"} of the venue's streams. */
    public JsonNode streams(String streamVenue) {
        return call("GET", "/_emulator/streams/" + streamVenue, null);
    }

    /** The canonical book of a venue's symbol, sizes in base units. */
    public JsonNode book(String venue, String routingSymbol) {
        return call("GET", "/_emulator/book/" + venue + "/" + routingSymbol, null);
    }

    public void fault(String venue, String mode, int retryAfterSeconds, int delayMillis) {
        call("PUT", "/_emulator/faults/" + venue, "{\"mode\":\"" + mode + "\",\"retry_after_seconds\":" + retryAfterSeconds
                + ",\"delay_ms\":" + delayMillis + "}");
    }

    public void clearFault(String venue) {
        call("DELETE", "/_emulator/faults/" + venue, null);
    }

    public JsonNode stats() {
        return call("GET", "/_emulator/stats", null);
    }

    /** Any admin call ({@code POST /_emulator/pumpportal/migrate?count=2}, …); the answer's JSON. */
    public JsonNode admin(String method, String path) {
        return call(method, path, null);
    }

    private JsonNode call(String method, String path, String body) {
        try {
            HttpResponse<String> response = send(method, path, body);
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body().isBlank() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int status(String method, String path, String body) throws IOException {
        return send(method, path, body).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }
}
