package io.marketdata.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.marketdata.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.MDC;

/**
 * What every request passes before a resource sees it (SPEC §9.1, §9.4): a request id, the
 * per-client rate limit of the API routes (token bucket: {@code burst} at once, {@code per-second}
 * back), and the admin bearer token on every mutating API route (anything but GET/HEAD/OPTIONS).
 * Static dashboard files, WebSocket upgrades and {@code /q/*} are not limited.
 */
@ApplicationScoped
public class EdgeFilters {

    /** Runs before Quarkus REST (whose order is 0 and up). */
    private static final int ORDER = -100;

    @Inject
    GatewayConfig config;
    @Inject
    MeterRegistry registry;

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private Counter limited;
    private Counter unauthorized;

    void install(@Observes Router router) {
        limited = Counter.builder("gateway_rate_limited_total").description("requests answered 429").register(registry);
        unauthorized = Counter.builder("gateway_unauthorized_total")
                .description("mutating requests without the admin token (401)").register(registry);
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String requestId = ApiErrors.assign(ctx);
        MDC.put("request_id", requestId);
        String path = ctx.normalizedPath();
        if (!isApi(path)) {
            ctx.next();
            return;
        }
        if (config.rateLimit().enabled() && !withinLimit(ctx)) {
            return;
        }
        if (isMutating(ctx.request().method()) && !authorized(ctx)) {
            return;
        }
        ctx.next();
    }

    /** The API routes: everything but the dashboard's files, the WebSocket endpoints and /q/*. */
    static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals("/tokens") || path.startsWith("/tokens/")
                || path.startsWith("/config/") || path.equals("/settings") || path.startsWith("/admin/")
                || path.equals("/health") || path.equals("/version");
    }

    static boolean isMutating(HttpMethod method) {
        return !(method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) || method.equals(HttpMethod.OPTIONS));
    }

    private boolean withinLimit(RoutingContext ctx) {
        Bucket bucket = buckets.get(clientOf(ctx), key -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        ctx.response().putHeader("X-RateLimit-Limit", Long.toString(config.rateLimit().burst()));
        ctx.response().putHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        if (probe.isConsumed()) {
            return true;
        }
        long waitSeconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        ctx.response().putHeader("Retry-After", Long.toString(waitSeconds));
        limited.increment();
        ApiErrors.send(ctx, 429, "rate_limited", "too many requests; retry after " + waitSeconds + " s");
        return false;
    }

    private Bucket newBucket() {
        GatewayConfig.RateLimit limit = config.rateLimit();
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(limit.burst())
                .refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build()).build();
    }

    private String clientOf(RoutingContext ctx) {
        if (config.rateLimit().trustForwardedFor()) {
            String forwarded = ctx.request().getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",", 2)[0].trim();
            }
        }
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
    }

    private boolean authorized(RoutingContext ctx) {
        Optional<String> token = config.admin().token().filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            ApiErrors.send(ctx, 503, "admin_disabled",
                    "no admin token is configured (gateway.admin.token / GATEWAY_ADMIN_TOKEN); mutating routes are off");
            return false;
        }
        String header = ctx.request().getHeader("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        unauthorized.increment();
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"marketdata-admin\"");
        ApiErrors.send(ctx, 401, "unauthorized",
                header == null ? "this route needs the admin bearer token" : "the admin bearer token is wrong");
        return false;
    }
}
