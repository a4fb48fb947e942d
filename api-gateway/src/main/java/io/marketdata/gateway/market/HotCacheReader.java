package io.marketdata.gateway.market;

import io.marketdata.contracts.Json;
import io.marketdata.gateway.config.GatewayConfig;
import io.marketdata.gateway.upstream.Answer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads orderbook-service's hot cache in Redis (SPEC §6.5) when the service itself does not answer:
 * the latest book summary is written there by the service once a second, so while the service is
 * down (and until the key's TTL) the current book can still be shown, marked degraded.
 */
@ApplicationScoped
public class HotCacheReader {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Inject
    Redis redis;
    @Inject
    GatewayConfig config;

    public String latestKey(String exchange, String market, String symbol) {
        return config.redis().orderbookPrefix() + ":latest:" + exchange + ":" + market + ":" + symbol;
    }

    /** The latest book of orderbook-service's cache as a degraded answer, if Redis has one. */
    public Uni<Optional<Answer>> latestBook(String exchange, String market, String symbol, String reason) {
        return redis.send(Request.cmd(Command.GET).arg(latestKey(exchange, market, symbol)))
                .ifNoItem().after(TIMEOUT).fail()
                .map(r -> {
                    if (r == null) {
                        return Optional.<Answer>empty();
                    }
                    byte[] body = r.toString().getBytes(StandardCharsets.UTF_8);
                    long timestamp = timestampOf(body);
                    return Optional.of(Answer.degraded("application/json", body, "hot-cache", reason,
                            System.currentTimeMillis() - timestamp));
                })
                .onFailure().recoverWithItem(Optional.empty());
    }

    private static long timestampOf(byte[] body) {
        try {
            return Json.MAPPER.readTree(body).path("timestamp").asLong(System.currentTimeMillis());
        } catch (java.io.IOException e) {
            return System.currentTimeMillis();
        }
    }
}
