package io.marketdata.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests with the path exactly as written (dot segments, matrix parameters, encodings, case):
 * java.net.http sends the URI's raw path unchanged, where REST Assured would encode or normalise it.
 */
public final class RawHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RawHttp() {
    }

    public static HttpResponse<String> send(URI base, String method, String rawPathAndQuery, String body, String authorization) {
        return sendBody(base, method, rawPathAndQuery, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), authorization);
    }

    public static HttpResponse<String> sendBody(URI base, String method, String rawPathAndQuery,
            HttpRequest.BodyPublisher body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + base.getHost() + ":" + base.getPort()
                + rawPathAndQuery)).timeout(Duration.ofSeconds(20)).method(method, body)
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + rawPathAndQuery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
