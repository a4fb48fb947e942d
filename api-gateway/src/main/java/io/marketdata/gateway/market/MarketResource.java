package io.marketdata.gateway.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketdata.contracts.Json;
import io.marketdata.gateway.config.GatewayConfig;
import io.marketdata.gateway.http.ApiErrors;
import io.marketdata.gateway.http.ApiException;
import io.marketdata.gateway.http.Query;
import io.marketdata.gateway.upstream.Answer;
import io.marketdata.gateway.upstream.Proxy;
import io.marketdata.gateway.upstream.Service;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Market-data routes (SPEC §9.1): the seed's Binance routes and their generalisation, history,
 * roll-ups, indices and CSV — validated here, answered by orderbook-service (through the short cache,
 * with the hot cache and the last good answer as fallbacks).
 */
@Path("/api")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
@Tag(name = "market data")
public class MarketResource {

    @Inject
    Proxy proxy;
    @Inject
    HotCacheReader hotCache;
    @Inject
    GatewayConfig config;

    @GET
    @Path("/depth/{exchange}/{market}")
    @Operation(summary = "Current book: best bid/ask, spread, mid, top-20 levels, the six bands with DIFF")
    public Uni<Response> depth(@PathParam("exchange") String exchange, @PathParam("market") String market,
            @QueryParam("symbol") String symbol, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return currentBook(MarketParams.exchange(exchange), MarketParams.market("market", market),
                MarketParams.symbol(symbol), requestId).map(Answer::toResponse);
    }

    @GET
    @Path("/binance/spot")
    @Operation(summary = "The seed route: current Binance spot book with bands, DIFF and stream status")
    public Uni<Response> binanceSpot(@QueryParam("symbol") @DefaultValue("BTCUSDT") String symbol,
            @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return binance("spot", symbol, requestId);
    }

    @GET
    @Path("/binance/futures")
    @Operation(summary = "The seed route: current Binance USD-M futures book with bands, DIFF and stream status")
    public Uni<Response> binanceFutures(@QueryParam("symbol") @DefaultValue("BTCUSDT") String symbol,
            @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return binance("futures", symbol, requestId);
    }

    @GET
    @Path("/binance/depth")
    @Operation(summary = "The seed route: one depth band of Binance spot and/or futures")
    public Uni<Response> binanceDepth(@QueryParam("symbol") @DefaultValue("BTCUSDT") String symbolParam,
            @QueryParam("depth") @DefaultValue("5") String depthParam, @QueryParam("type") @DefaultValue("all") String type,
            @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        String symbol = MarketParams.symbol(symbolParam);
        String depth = MarketParams.depth(depthParam);
        String t = type.toLowerCase(Locale.ROOT);
        if (!t.equals("spot") && !t.equals("futures") && !t.equals("all")) {
            throw ApiException.badRequest("type", "type must be spot, futures or all");
        }
        List<String> markets = t.equals("all") ? List.of("spot", "futures") : List.of(t);
        List<Uni<Answer>> books = markets.stream().map(m -> currentBook("binance", m, symbol, requestId)).toList();
        return Uni.join().all(books).andFailFast().map(answers -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("depth", Double.parseDouble(depth));
            out.put("symbol", symbol);
            out.put("timestamp", System.currentTimeMillis());
            boolean degraded = false;
            for (int i = 0; i < markets.size(); i++) {
                Answer a = answers.get(i);
                degraded |= a.degraded();
                out.put(markets.get(i), a.status() == 200 ? band(a.tree(), Double.parseDouble(depth)) : null);
            }
            if (degraded) {
                out.put("degraded", true);
            }
            return Answer.json(200, out, "upstream", degraded).toResponse();
        });
    }

    @GET
    @Path("/books")
    @Operation(summary = "Books with stored history")
    public Uni<Response> books(@HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return proxy.get(Service.ORDERBOOK, "/api/books", config.cache().history(), requestId).map(Answer::toResponse);
    }

    @GET
    @Path("/chart-data")
    @Operation(summary = "Lightweight-Charts points {time (s), value (USD)} per minute; default the last hour")
    public Uni<Response> chartData(@QueryParam("exchange") @DefaultValue("binance") String exchange,
            @QueryParam("marketType") String marketType, @QueryParam("market") String market,
            @QueryParam("symbol") String symbol, @QueryParam("depth") @DefaultValue("5") String depth,
            @QueryParam("type") String type, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("format") String format, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        Query q = book(Query.path("/api/chart-data"), exchange, marketType, market, symbol)
                .add("depth", MarketParams.depth(depth)).add("type", MarketParams.side(type));
        return history(range(q, from, to, MarketParams.MAX_MINUTE_RANGE).add("format", MarketParams.format(format)), requestId);
    }

    @GET
    @Path("/snapshots")
    @Operation(summary = "Raw minute points, one row per minute and depth")
    public Uni<Response> snapshots(@QueryParam("exchange") @DefaultValue("binance") String exchange,
            @QueryParam("marketType") String marketType, @QueryParam("market") String market,
            @QueryParam("symbol") String symbol, @QueryParam("depth") String depth, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") Integer limit, @QueryParam("format") String format,
            @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        Query q = book(Query.path("/api/snapshots"), exchange, marketType, market, symbol)
                .add("depth", MarketParams.optionalDepth(depth));
        return history(range(q, from, to, MarketParams.MAX_MINUTE_RANGE).add("limit", MarketParams.limit(limit, 100_000))
                .add("format", MarketParams.format(format)), requestId);
    }

    @GET
    @Path("/analytics/history")
    @Operation(summary = "Hourly or daily roll-ups: avg/min/max bid and ask USD value, count")
    public Uni<Response> analyticsHistory(@QueryParam("exchange") @DefaultValue("binance") String exchange,
            @QueryParam("marketType") String marketType, @QueryParam("market") String market,
            @QueryParam("symbol") String symbol, @QueryParam("depth") @DefaultValue("5") String depth,
            @QueryParam("interval") String interval, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("format") String format, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        Query q = book(Query.path("/api/analytics/history"), exchange, marketType, market, symbol)
                .add("depth", MarketParams.depth(depth)).add("interval", MarketParams.interval(interval, false));
        return history(range(q, from, to, MarketParams.MAX_ROLLUP_RANGE).add("format", MarketParams.format(format)), requestId);
    }

    @GET
    @Path("/analytics/stats")
    @Operation(summary = "How much history a book has")
    public Uni<Response> analyticsStats(@QueryParam("exchange") @DefaultValue("binance") String exchange,
            @QueryParam("marketType") String marketType, @QueryParam("market") String market,
            @QueryParam("symbol") String symbol, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return history(book(Query.path("/api/analytics/stats"), exchange, marketType, market, symbol), requestId);
    }

    @GET
    @Path("/indices")
    @Operation(summary = "The latest value of every index (TOTAL, TOTAL1, TOTAL2, OTHERS) of every market")
    public Uni<Response> indices(@HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return proxy.get(Service.ORDERBOOK, "/api/indices", config.cache().depth(), requestId).map(Answer::toResponse);
    }

    @GET
    @Path("/indices/{name}")
    @Operation(summary = "One index over time: minutes, or hourly/daily roll-ups")
    public Uni<Response> index(@PathParam("name") String name, @QueryParam("market") @DefaultValue("futures") String market,
            @QueryParam("depth") @DefaultValue("5") String depth, @QueryParam("interval") String interval,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("format") String format,
            @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        String i = MarketParams.interval(interval, true);
        Query q = Query.path("/api/indices/" + MarketParams.index(name)).add("market", MarketParams.market("market", market))
                .add("depth", MarketParams.depth(depth)).add("interval", i);
        var max = i == null || i.equals("1m") ? MarketParams.MAX_MINUTE_RANGE : MarketParams.MAX_ROLLUP_RANGE;
        return history(range(q, from, to, max).add("format", MarketParams.format(format)), requestId);
    }

    // ---------------------------------------------------------------------------------------------

    Uni<Answer> currentBook(String exchange, String market, String symbol, String requestId) {
        String path = Query.path("/api/depth/" + exchange + "/" + market).add("symbol", symbol).toString();
        return proxy.get(Service.ORDERBOOK, path, config.cache().depth(), requestId,
                reason -> hotCache.latestBook(exchange, market, symbol, reason));
    }

    private Uni<Response> binance(String market, String symbolParam, String requestId) {
        String symbol = MarketParams.symbol(symbolParam);
        Uni<Answer> book = currentBook("binance", market, symbol, requestId);
        Uni<Answer> stats = proxy.get(Service.COLLECTOR, "/api/statistics", config.cache().health(), requestId);
        return Uni.combine().all().unis(book, stats).asTuple().map(t -> {
            Answer a = t.getItem1();
            if (a.status() != 200) {
                return a.toResponse();
            }
            ObjectNode body = (ObjectNode) a.tree();
            body.put("type", market.toUpperCase(Locale.ROOT));
            body.set("stream", streamStatus(t.getItem2(), market.equals("spot") ? "binance-spot" : "binance", symbol));
            return new Answer(200, a.contentType(), Json.toBytes(body), a.source(), a.degraded()).toResponse();
        });
    }

    /** How the collector's live (WebSocket) book of this symbol stands, from its statistics. */
    static ObjectNode streamStatus(Answer statistics, String loop, String symbol) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (statistics.status() != 200 || statistics.degraded()) {
            out.put("status", "unknown"); // the collector does not answer: an old status would mislead
            return out;
        }
        JsonNode live = statistics.tree().path("exchanges").path(loop).path("live_books");
        if (live.isMissingNode() || live.isNull()) {
            out.put("status", "rest_polling");
            return out;
        }
        boolean fallback = false;
        for (var names = live.path("fallback_symbols").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            // fallback symbols are named BTCUSDT or BTC/USDT:USDT
            fallback |= name.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT).startsWith(symbol);
        }
        out.put("status", fallback ? "rest_fallback" : "live");
        out.put("synced", live.path("synced").asInt());
        out.put("syncing", live.path("syncing").asInt());
        out.put("fallback", live.path("fallback").asInt());
        return out;
    }

    /** The band of one depth in the seed's {@code /api/binance/depth} shape. */
    private static Map<String, Object> band(JsonNode book, double depth) {
        for (JsonNode b : book.path("bands")) {
            if (b.path("depth").asDouble() == depth) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("bid", b.path("bid_volume").asDouble());
                out.put("ask", b.path("ask_volume").asDouble());
                out.put("diff", b.path("diff").asDouble());
                out.put("percentage", b.path("percentage").asDouble());
                out.put("total_bid_value", b.path("bid_value_usd").asDouble());
                out.put("total_ask_value", b.path("ask_value_usd").asDouble());
                out.put("timestamp", book.path("timestamp").asLong());
                return out;
            }
        }
        return null;
    }

    private Query book(Query q, String exchange, String marketType, String market, String symbol) {
        String m = marketType != null ? MarketParams.market("marketType", marketType)
                : market != null ? MarketParams.market("market", market) : "futures";
        return q.add("exchange", MarketParams.exchange(exchange)).add("marketType", m).add("symbol", MarketParams.symbol(symbol));
    }

    private static Query range(Query q, String from, String to, java.time.Duration max) {
        MarketParams.Range r = MarketParams.range(from, to, max, System.currentTimeMillis());
        return q.add("from", r.from()).add("to", r.to());
    }

    private Uni<Response> history(Query q, String requestId) {
        return proxy.get(Service.ORDERBOOK, q.toString(), config.cache().history(), requestId).map(Answer::toResponse);
    }
}
