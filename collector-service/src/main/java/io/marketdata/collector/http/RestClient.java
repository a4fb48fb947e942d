package io.marketdata.collector.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.exchange.ExchangeException;
import io.marketdata.contracts.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * GETs JSON from one venue's REST API with the collector's retry policy: up to {@code attempts}
 * tries with the configured back-off, retrying transport errors, timeouts, 5xx and malformed JSON;
 * 429/418 block the whole venue for Retry-After (a wait longer than {@code max-retry-after-wait}
 * skips the cycle instead of stalling it); other 4xx fail at once. Every call is timed per endpoint.
 */
public final class RestClient {

    private static final Logger LOG = Logger.getLogger(RestClient.class);
    private static final int SNIPPET = 200;

    private final String exchange;
    private final String baseUrl;
    private final HttpClient http;
    private final CollectorConfig.Retry retry;
    private final Duration requestTimeout;
    private final RateBudget budget;
    private final MeterRegistry registry;
    private final Counter retries;
    private final AtomicLong usedWeight = new AtomicLong();
    private volatile long blockedUntilMillis;

    public RestClient(String exchange, String baseUrl, HttpClient http, CollectorConfig.Retry retry,
            Duration requestTimeout, RateBudget budget, MeterRegistry registry) {
        this.exchange = exchange;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
        this.retry = retry;
        this.requestTimeout = requestTimeout;
        this.budget = budget;
        this.registry = registry;
        this.retries = Counter.builder("collector_http_retries_total").description("Retried venue requests")
                .tag("exchange", exchange).register(registry);
        registry.gauge("collector_venue_used_weight", List.of(io.micrometer.core.instrument.Tag.of("exchange", exchange)),
                usedWeight);
    }

    public String exchange() {
        return exchange;
    }

    /** The share of the venue's budget this client may use, e.g. to size book depth. */
    public RateBudget budget() {
        return budget;
    }

    /** Epoch ms until which the venue asked us to stay away (0 when not rate limited). */
    public long blockedUntilMillis() {
        return blockedUntilMillis;
    }

    /** A request without a query string: the path is also the endpoint label. */
    public JsonNode get(String path) throws ExchangeException {
        return get(path, path, 1);
    }

    public JsonNode get(String endpoint, String pathAndQuery) throws ExchangeException {
        return get(endpoint, pathAndQuery, 1);
    }

    /**
     * @param endpoint     the endpoint path without query, for metrics and per-endpoint budgets
     * @param pathAndQuery appended to the base URL
     * @param weight       the request's cost in the venue's rate budget
     */
    public JsonNode get(String endpoint, String pathAndQuery, int weight) throws ExchangeException {
        ExchangeException last = null;
        int attempts = Math.max(1, retry.attempts());
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                retries.increment();
                sleep(delayBefore(attempt));
            }
            waitWhileBlocked();
            try {
                budget.acquire(endpoint, weight);
                return once(endpoint, pathAndQuery);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExchangeException(exchange + " request interrupted", e, false);
            } catch (ExchangeException e) {
                last = e;
                if (!e.retryable()) {
                    throw e;
                }
                LOG.warnf("[%s] %s failed (attempt %d/%d): %s", exchange, endpoint, attempt, attempts, e.getMessage());
            }
        }
        throw last;
    }

    private JsonNode once(String endpoint, String pathAndQuery) throws ExchangeException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(requestTimeout).header("Accept", "application/json").GET().build();
        long start = System.nanoTime();
        String status = "io_error";
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int code = response.statusCode();
            status = Integer.toString(code);
            response.headers().firstValueAsLong("X-MBX-USED-WEIGHT-1M").ifPresent(usedWeight::set);
            if (code == 429 || code == 418) {
                Duration wait = retryAfter(response).orElse(retry.defaultRetryAfter());
                blockedUntilMillis = System.currentTimeMillis() + wait.toMillis();
                boolean waitable = wait.compareTo(retry.maxRetryAfterWait()) <= 0;
                throw new ExchangeException(exchange + " rate limited (HTTP " + code + "), Retry-After "
                        + wait.toSeconds() + " s", waitable);
            }
            if (code >= 500) {
                throw new ExchangeException(exchange + " HTTP " + code + " on " + endpoint + ": " + snippet(response.body()),
                        true);
            }
            if (code >= 400) {
                throw new ExchangeException(exchange + " HTTP " + code + " on " + endpoint + ": " + snippet(response.body()),
                        false);
            }
            try {
                JsonNode node = Json.MAPPER.readTree(response.body());
                if (node == null || node.isMissingNode()) {
                    throw new ExchangeException(exchange + " empty body on " + endpoint, true);
                }
                return node;
            } catch (IOException e) {
                status = "malformed";
                throw new ExchangeException(exchange + " malformed JSON on " + endpoint + ": " + snippet(response.body()),
                        e, true);
            }
        } catch (IOException e) {
            throw new ExchangeException(exchange + " " + endpoint + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e, true);
        } finally {
            Timer.builder("collector_http_request_seconds").description("Venue REST calls")
                    .tags("exchange", exchange, "endpoint", endpoint, "status", status)
                    .publishPercentileHistogram().register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void waitWhileBlocked() throws ExchangeException {
        long remaining = blockedUntilMillis - System.currentTimeMillis();
        if (remaining <= 0) {
            return;
        }
        if (remaining > retry.maxRetryAfterWait().toMillis()) {
            throw new ExchangeException(exchange + " rate limited for another " + (remaining / 1000) + " s", false);
        }
        sleep(Duration.ofMillis(remaining));
    }

    private Duration delayBefore(int attempt) {
        List<Duration> delays = retry.delays();
        Duration delay = delays.isEmpty() ? Duration.ZERO : delays.get(Math.min(attempt - 2, delays.size() - 1));
        // after a 429 the Retry-After wait (in waitWhileBlocked) replaces the back-off
        return blockedUntilMillis > System.currentTimeMillis() ? Duration.ZERO : delay;
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty(); // HTTP-date form: fall back to the default pause
            }
        });
    }

    private void sleep(Duration duration) throws ExchangeException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeException(exchange + " interrupted while backing off", e, false);
        }
    }

    private static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, SNIPPET), StandardCharsets.UTF_8);
        return body.length > SNIPPET ? text + "…" : text;
    }
}
