package io.marketdata.collector.token.dexscreener;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One GET to DexScreener, no retries (the poller decides what happens next on its next tick):
 * {@code /token-pairs/v1/solana/{mint}} for one mint (all its pools), {@code /tokens/v1/solana/{a,b,…}}
 * for several. JDK HttpClient: the poller thread is the only caller and waits at most the request
 * timeout, so no other loop is ever held up.
 */
public final class DexScreenerClient {

    /** What came back: an HTTP answer (status, body, Retry-After) or a transport failure (status 0). */
    public record Answer(String path, int status, byte[] body, Optional<Duration> retryAfter, long durationNanos,
            String failure) {

        public boolean transportFailure() {
            return status == 0;
        }
    }

    private final String baseUrl;
    private final HttpClient http;
    private final Duration requestTimeout;

    public DexScreenerClient(String baseUrl, Duration connectTimeout, Duration requestTimeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = requestTimeout;
    }

    public static String path(List<String> mints) {
        return mints.size() == 1 ? "/token-pairs/v1/solana/" + mints.get(0)
                : "/tokens/v1/solana/" + String.join(",", mints);
    }

    public Answer fetch(List<String> mints) throws InterruptedException {
        String path = path(mints);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(requestTimeout)
                .header("Accept", "application/json").GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(path, response.statusCode(), response.body(), retryAfter(response),
                    System.nanoTime() - start, null);
        } catch (HttpTimeoutException e) {
            return new Answer(path, 0, new byte[0], Optional.empty(), System.nanoTime() - start,
                    "timeout after " + requestTimeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Answer(path, 0, new byte[0], Optional.empty(), System.nanoTime() - start,
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** Retry-After in seconds (the HTTP-date form falls back to the configured default). */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
