package io.marketdata.collector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.exchange.ExchangeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry policy against a local HTTP server that answers from a script of responses. */
class RestClientTest {

    private record Scripted(int status, String body, String retryAfter) {
    }

    private HttpServer server;
    private final Deque<Scripted> script = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private RestClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Scripted next = script.isEmpty() ? new Scripted(200, "{\"ok\":true}", null) : script.poll();
            if (next.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", next.retryAfter());
            }
            byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(next.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = new RestClient("test", "http://127.0.0.1:" + server.getAddress().getPort(), HttpClient.newHttpClient(),
                retry(3, Duration.ofMillis(20), Duration.ofSeconds(2)), Duration.ofSeconds(5),
                new RateBudget(1000, Duration.ofSeconds(1), false), new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void serverErrorsAreRetriedUntilSuccess() throws Exception {
        script.add(new Scripted(500, "oops", null));
        script.add(new Scripted(502, "bad gateway", null));
        assertTrue(client.get("/x", "/x").get("ok").asBoolean());
        assertEquals(3, requests.get());
    }

    @Test
    void malformedJsonIsRetriedAndThenReported() {
        for (int i = 0; i < 3; i++) {
            script.add(new Scripted(200, "{\"bids\":[[1,", null));
        }
        ExchangeException e = assertThrows(ExchangeException.class, () -> client.get("/x", "/x"));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        assertEquals(3, requests.get(), "three attempts, then the cycle is skipped");
    }

    @Test
    void clientErrorsAreNotRetried() {
        script.add(new Scripted(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", null));
        ExchangeException e = assertThrows(ExchangeException.class, () -> client.get("/x", "/x"));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("Invalid symbol"), e.getMessage());
        assertEquals(1, requests.get());
    }

    @Test
    void shortRetryAfterIsWaitedOutThenRetried() throws Exception {
        script.add(new Scripted(429, "slow down", "1"));
        long start = System.nanoTime();
        assertTrue(client.get("/x", "/x").get("ok").asBoolean());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(900)) >= 0,
                "waited for Retry-After before retrying");
        assertEquals(2, requests.get());
    }

    @Test
    void longRetryAfterSkipsTheCycleAndBlocksTheVenue() {
        script.add(new Scripted(418, "banned", "120"));
        ExchangeException first = assertThrows(ExchangeException.class, () -> client.get("/x", "/x"));
        assertTrue(first.getMessage().contains("Retry-After 120 s"), first.getMessage());
        assertTrue(client.blockedUntilMillis() > System.currentTimeMillis() + 100_000);
        ExchangeException second = assertThrows(ExchangeException.class, () -> client.get("/y", "/y"));
        assertTrue(second.getMessage().contains("rate limited for another"), second.getMessage());
        assertEquals(1, requests.get(), "no request is sent while the venue asked us to wait");
    }

    @Test
    void transportErrorsAreRetried() {
        server.stop(0);
        ExchangeException e = assertThrows(ExchangeException.class, () -> client.get("/x", "/x"));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
    }

    @Test
    void budgetSpacesRequestsBeyondCapacity() throws Exception {
        RateBudget budget = new RateBudget(2, Duration.ofMillis(400), false);
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            budget.acquire("/x", 1);
        }
        // 2 immediately, then one every 200 ms: at least ~400 ms for the other two
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(350)) >= 0);
    }

    static CollectorConfig.Retry retry(int attempts, Duration delay, Duration maxRetryAfterWait) {
        return new CollectorConfig.Retry() {
            @Override
            public int attempts() {
                return attempts;
            }

            @Override
            public List<Duration> delays() {
                return List.of(delay);
            }

            @Override
            public Duration maxRetryAfterWait() {
                return maxRetryAfterWait;
            }

            @Override
            public Duration defaultRetryAfter() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
