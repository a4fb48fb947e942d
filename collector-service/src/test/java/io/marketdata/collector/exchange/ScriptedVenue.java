package io.marketdata.collector.exchange;

import com.sun.net.httpserver.HttpServer;
import io.marketdata.collector.http.RateBudget;
import io.marketdata.collector.http.RestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny local HTTP server answering venue paths with recorded payloads, so adapters are exercised
 * through the real {@link RestClient} (URLs, query strings, weights) without any network.
 */
public final class ScriptedVenue implements AutoCloseable {

    /** One canned answer. */
    public record Answer(int status, String body) {
        public static Answer ok(String body) {
            return new Answer(200, body);
        }

        public static Answer payload(String path) {
            return new Answer(200, Payloads.text(path));
        }
    }

    private final HttpServer server;
    private final Map<String, Function<String, Answer>> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private ScriptedVenue(HttpServer server) {
        this.server = server;
    }

    public static ScriptedVenue start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ScriptedVenue venue = new ScriptedVenue(server);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String query = exchange.getRequestURI().getRawQuery();
                venue.requests.add(query == null ? path : path + "?" + query);
                Function<String, Answer> route = venue.routes.get(path);
                Answer answer = route == null ? new Answer(404, "{\"error\":\"no route " + path + "\"}")
                        : route.apply(query == null ? "" : query);
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return venue;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code path} (any query) with the recorded payload. */
    public ScriptedVenue route(String path, String payload) {
        String body = Payloads.text(payload);
        routes.put(path, query -> Answer.ok(body));
        return this;
    }

    /** Answers {@code path} by its raw query string. */
    public ScriptedVenue route(String path, Function<String, Answer> byQuery) {
        routes.put(path, byQuery);
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A RestClient on this venue with one attempt and {@code capacity} weight per {@code window}. */
    public RestClient client(String exchange, double capacity, Duration window) {
        return new RestClient(exchange, baseUrl(), HttpClient.newHttpClient(), TestConfigs.noRetry(),
                Duration.ofSeconds(5), new RateBudget(capacity, window, false), new SimpleMeterRegistry());
    }

    /** Every request so far, as path plus raw query. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public long count(String path) {
        return requests.stream().filter(r -> r.equals(path) || r.startsWith(path + "?")).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
