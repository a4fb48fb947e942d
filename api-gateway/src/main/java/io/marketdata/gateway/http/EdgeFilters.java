package io.marketdata.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.marketdata.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.MDC;

/**
 * What every request passes before a resource sees it (SPEC §9.1, §9.4): a request id, the body-size
 * bound answered as JSON (413), and the per-client rate limit of the API routes (token bucket:
 * {@code burst} at once, {@code per-second} back). Static dashboard files, WebSocket upgrades and
 * {@code /q/*} are not limited. The admin token is not checked here: that is decided on the matched
 * resource method ({@code @RolesAllowed}, see {@link AdminAuthentication}), never on the raw path.
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
    private long maxBodyBytes;

    void install(@Observes Router router) {
        limited = Counter.builder("gateway_rate_limited_total").description("requests answered 429").register(registry);
        maxBodyBytes = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        // a body refused by Quarkus's own limit (e.g. a chunked one) also gets the gateway's error body
        router.errorHandler(413, ctx -> tooLarge(ctx));
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String requestId = ApiErrors.assign(ctx);
        MDC.put("request_id", requestId);
        if (declaredLength(ctx) > maxBodyBytes) {
            tooLarge(ctx);
            return;
        }
        if (!isApi(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        if (config.rateLimit().enabled() && !withinLimit(ctx)) {
            return;
        }
        ctx.next();
    }

    private static long declaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void tooLarge(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        ApiErrors.assign(ctx);
        ctx.response().putHeader("Connection", "close");
        ApiErrors.send(ctx, 413, "payload_too_large", "the request body is larger than " + maxBodyBytes + " bytes");
    }

    /**
     * The API routes: everything but the dashboard's files, the WebSocket endpoints and /q/*. Decided
     * on the canonical path (case, matrix parameters, repeated and trailing slashes folded), so no
     * spelling of an API path escapes the rate limit.
     */
    static boolean isApi(String rawPath) {
        String path = canonical(rawPath);
        return path.startsWith("/api/") || path.equals("/tokens") || path.startsWith("/tokens/")
                || path.startsWith("/config/") || path.equals("/settings") || path.startsWith("/admin/")
                || path.equals("/health") || path.equals("/version");
    }

    static String canonical(String path) {
        if (path == null) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (String segment : path.toLowerCase(java.util.Locale.ROOT).split("/")) {
            int matrix = segment.indexOf(';');
            String s = matrix >= 0 ? segment.substring(0, matrix) : segment;
            if (!s.isEmpty() && !s.equals(".")) {
                out.append('/').append(s);
            }
        }
        return out.length() == 0 ? "/" : out.toString();
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
}
