package io.marketdata.emulator.faults;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A Vert.x route that runs before every REST endpoint. For paths under a venue prefix it counts the
 * request ({@link RequestStats}) and applies the venue's active fault: 500/429/418 are answered here;
 * {@code slow} re-dispatches the request after a Vert.x timer (the event loop is never blocked, so
 * other venues are unaffected); {@code malformed} lets the request through and
 * {@link MalformedResponseFilter} truncates the body. WebSocket handshakes (the Binance streams) pass
 * untouched and uncounted.
 */
@ApplicationScoped
public class FaultRouteFilter {

    /** Runs before the REST handler (which Quarkus registers with a non-negative order). */
    static final int ORDER = -1000;

    @Inject
    FaultRegistry faults;

    @Inject
    RequestStats stats;

    @Inject
    MeterRegistry meters;

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        ApiVenue venue = ApiVenue.byPath(path);
        if (venue == null || isWebSocketHandshake(ctx)) {
            // Streams have their own faults (/_emulator/streams/…): a REST fault must not also
            // refuse stream connections, or a REST test would disturb a client's streams.
            ctx.next();
            return;
        }
        stats.request(venue, venue.statsPath(path.substring(venue.pathPrefix().length())), System.currentTimeMillis());
        ctx.addHeadersEndHandler(v -> stats.status(venue, ctx.response().getStatusCode()));
        Fault fault = faults.get(venue);
        meters.counter("emulator.requests", "venue", venue.id(), "fault", fault == null ? "none" : fault.mode().wire())
                .increment();
        if (fault == null) {
            ctx.next();
            return;
        }
        switch (fault.mode()) {
            case HTTP500 -> fail(ctx, venue, 500, fault);
            case HTTP429 -> fail(ctx, venue, 429, fault);
            case HTTP418 -> fail(ctx, venue, 418, fault);
            case SLOW -> {
                ctx.request().pause();
                ctx.vertx().setTimer(Math.max(1, fault.delayMs()), id -> {
                    ctx.request().resume();
                    ctx.next();
                });
            }
            case MALFORMED -> ctx.next();
            default -> ctx.next();
        }
    }

    private static boolean isWebSocketHandshake(RoutingContext ctx) {
        String upgrade = ctx.request().getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && "websocket".equalsIgnoreCase(upgrade.trim());
    }

    private static void fail(RoutingContext ctx, ApiVenue venue, int status, Fault fault) {
        var response = ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (status == 429 || status == 418) {
            response.putHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()));
        }
        response.end(VenueErrors.body(venue, status, fault.retryAfterSeconds()));
    }
}
