package io.marketdata.emulator.binance;

import io.marketdata.emulator.market.Decimals;
import io.marketdata.emulator.market.Instrument;
import io.marketdata.emulator.market.MarketModel;
import io.marketdata.emulator.market.OrderBook;
import io.marketdata.emulator.market.Quote;
import io.marketdata.emulator.market.Snapshot;
import io.marketdata.emulator.market.Venue;
import io.marketdata.emulator.web.BookSides;
import io.marketdata.emulator.web.JsonWriter;
import io.marketdata.emulator.web.Responses;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binance spot public REST ({@code https://api.binance.com}) under {@code /binance-spot}: the real
 * spot shapes — prices and quantities as strings with 8 decimals, depth without E/T, {@code limit}
 * 1–5000 (larger values are truncated to 5000), {@code symbol} or {@code symbols=["A","B"]}.
 */
@Path("/binance-spot/api/v3")
@Produces(MediaType.APPLICATION_JSON)
public class BinanceSpotResource {

    private static final Pattern SYMBOLS = Pattern.compile("^\\[(\"[A-Z0-9\\-_.]{1,20}\"(,\"[A-Z0-9\\-_.]{1,20}\")*)?]$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    @Inject
    MarketModel model;

    @Inject
    BinanceWeights weights;

    private Response respond(int weight, int status, String body) {
        return weights.respond(weights.spot(), true, weight, status, body);
    }

    private Response invalidSymbol() {
        return respond(2, 400, BinanceWeights.invalidSymbol());
    }

    private static String px(Instrument i, long ticks) {
        return BinanceLevels.spotPrice(i, ticks);
    }

    private static String qty(Instrument i, long units) {
        return BinanceLevels.spotQuantity(i, units);
    }

    /** Resolution of symbol / symbols parameters: null list = all; an error response otherwise. */
    private record Selection(List<Instrument> instruments, boolean single, Response error) {
    }

    private Selection select(String symbol, String symbols) {
        if (symbol != null && !symbol.isEmpty() && symbols != null && !symbols.isEmpty()) {
            return new Selection(null, false, respond(2, 400, BinanceWeights.error(-1128,
                    "Combination of optional parameters invalid.")));
        }
        if (symbol != null && !symbol.isEmpty()) {
            Instrument i = model.byNative(Venue.BINANCE_SPOT, symbol);
            return i == null ? new Selection(null, true, invalidSymbol()) : new Selection(List.of(i), true, null);
        }
        if (symbols != null && !symbols.isEmpty()) {
            String compact = symbols.replace(" ", "");
            if (!SYMBOLS.matcher(compact).matches()) {
                return new Selection(null, false, respond(2, 400, BinanceWeights.illegal("symbols",
                        "^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$")));
            }
            List<Instrument> list = new ArrayList<>();
            Matcher m = QUOTED.matcher(compact);
            while (m.find()) {
                Instrument i = model.byNative(Venue.BINANCE_SPOT, m.group(1));
                if (i == null) {
                    return new Selection(null, false, invalidSymbol());
                }
                list.add(i);
            }
            return new Selection(list, false, null);
        }
        return new Selection(model.instruments(Venue.BINANCE_SPOT), false, null);
    }

    @GET
    @Path("exchangeInfo")
    public Response exchangeInfo(@QueryParam("symbol") String symbol, @QueryParam("symbols") String symbols) {
        Selection sel = select(symbol, symbols);
        if (sel.error() != null) {
            return sel.error();
        }
        JsonWriter w = new JsonWriter(64 * 1024).beginObject()
                .field("timezone", "UTC")
                .field("serverTime", System.currentTimeMillis());
        w.name("rateLimits").beginArray()
                .beginObject().field("rateLimitType", "REQUEST_WEIGHT").field("interval", "MINUTE")
                .field("intervalNum", 1).field("limit", weights.spot().limit()).endObject()
                .beginObject().field("rateLimitType", "ORDERS").field("interval", "SECOND")
                .field("intervalNum", 10).field("limit", 100).endObject()
                .beginObject().field("rateLimitType", "ORDERS").field("interval", "DAY")
                .field("intervalNum", 1).field("limit", 200000).endObject()
                .beginObject().field("rateLimitType", "RAW_REQUESTS").field("interval", "MINUTE")
                .field("intervalNum", 5).field("limit", 61000).endObject()
                .endArray();
        w.emptyArray("exchangeFilters");
        w.name("symbols").beginArray();
        for (Instrument i : sel.instruments()) {
            symbol(w, i);
        }
        w.endArray().endObject();
        return respond(20, 200, w.toString());
    }

    private void symbol(JsonWriter w, Instrument i) {
        Snapshot s = model.snapshot(i);
        w.beginObject()
                .field("symbol", i.nativeId())
                .field("status", "TRADING")
                .field("baseAsset", i.baseName())
                .field("baseAssetPrecision", 8)
                .field("quoteAsset", "USDT")
                .field("quotePrecision", 8)
                .field("quoteAssetPrecision", 8)
                .field("baseCommissionPrecision", 8)
                .field("quoteCommissionPrecision", 8)
                .strings("orderTypes", "LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT")
                .field("icebergAllowed", true)
                .field("ocoAllowed", true)
                .field("otoAllowed", true)
                .field("quoteOrderQtyMarketAllowed", true)
                .field("allowTrailingStop", true)
                .field("cancelReplaceAllowed", true)
                .field("isSpotTradingAllowed", true)
                .field("isMarginTradingAllowed", true);
        w.name("filters").beginArray()
                .beginObject().field("filterType", "PRICE_FILTER").field("minPrice", px(i, 1))
                .field("maxPrice", px(i, s.quote().lastTicks() * 20)).field("tickSize", px(i, 1)).endObject()
                .beginObject().field("filterType", "LOT_SIZE").field("minQty", qty(i, 1))
                .field("maxQty", qty(i, 9_000_000_000L)).field("stepSize", qty(i, 1)).endObject()
                .beginObject().field("filterType", "ICEBERG_PARTS").field("limit", 10).endObject()
                .beginObject().field("filterType", "MARKET_LOT_SIZE").field("minQty", "0.00000000")
                .field("maxQty", qty(i, 100_000_000L)).field("stepSize", "0.00000000").endObject()
                .beginObject().field("filterType", "NOTIONAL").field("minNotional", "5.00000000")
                .field("applyMinToMarket", true).field("maxNotional", "9000000.00000000")
                .field("applyMaxToMarket", false).field("avgPriceMins", 5).endObject()
                .beginObject().field("filterType", "MAX_NUM_ORDERS").field("maxNumOrders", 200).endObject()
                .endArray();
        w.emptyArray("permissions");
        w.name("permissionSets").beginArray().beginArray().str("SPOT").str("MARGIN").endArray().endArray();
        w.field("defaultSelfTradePreventionMode", "EXPIRE_MAKER")
                .strings("allowedSelfTradePreventionModes", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH");
        w.endObject();
    }

    @GET
    @Path("depth")
    public Response depth(@QueryParam("symbol") String symbol, @QueryParam("limit") String limitParam) {
        if (symbol == null || symbol.isEmpty()) {
            return respond(1, 400, BinanceWeights.mandatory("symbol"));
        }
        Integer parsed = limitParam == null ? Integer.valueOf(100) : Responses.intOrNull(limitParam);
        if (parsed == null || parsed < 1) {
            return respond(1, 400, BinanceWeights.illegal("limit", "1 - 5000"));
        }
        int limit = Math.min(parsed, 5000);
        Instrument i = model.byNative(Venue.BINANCE_SPOT, symbol);
        if (i == null) {
            return invalidSymbol();
        }
        Snapshot s = model.snapshot(i);
        OrderBook b = s.book();
        JsonWriter w = new JsonWriter(Math.min(limit, b.bidCount() + b.askCount()) * 45 + 64).beginObject()
                .field("lastUpdateId", s.updateId());
        BookSides.Level level = (out, p, q) -> out.beginArray().str(px(i, p)).str(qty(i, q)).endArray();
        BookSides.write(w, "bids", b, true, limit, level);
        BookSides.write(w, "asks", b, false, limit, level);
        w.endObject();
        return respond(BinanceWeights.spotDepth(limit), 200, w.toString());
    }

    @GET
    @Path("ticker/bookTicker")
    public Response bookTicker(@QueryParam("symbol") String symbol, @QueryParam("symbols") String symbols) {
        Selection sel = select(symbol, symbols);
        if (sel.error() != null) {
            return sel.error();
        }
        JsonWriter w = new JsonWriter(sel.instruments().size() * 140 + 16);
        if (!sel.single()) {
            w.beginArray();
        }
        for (Instrument i : sel.instruments()) {
            OrderBook b = model.snapshot(i).book();
            w.beginObject()
                    .field("symbol", i.nativeId())
                    .field("bidPrice", px(i, b.bestBid()))
                    .field("bidQty", qty(i, b.bestBidUnits()))
                    .field("askPrice", px(i, b.bestAsk()))
                    .field("askQty", qty(i, b.bestAskUnits()))
                    .endObject();
        }
        if (!sel.single()) {
            w.endArray();
        }
        return respond(sel.single() ? 2 : 4, 200, w.toString());
    }

    static int ticker24hrWeight(boolean single, int count, boolean all) {
        if (single) {
            return 2;
        }
        if (all || count > 100) {
            return 80;
        }
        return count <= 20 ? 2 : 40;
    }

    @GET
    @Path("ticker/24hr")
    public Response ticker24hr(@QueryParam("symbol") String symbol, @QueryParam("symbols") String symbols,
            @QueryParam("type") String type) {
        boolean mini = "MINI".equals(type);
        if (type != null && !mini && !"FULL".equals(type)) {
            return respond(2, 400, BinanceWeights.illegal("type", "FULL, MINI"));
        }
        Selection sel = select(symbol, symbols);
        if (sel.error() != null) {
            return sel.error();
        }
        JsonWriter w = new JsonWriter(sel.instruments().size() * 600 + 16);
        if (!sel.single()) {
            w.beginArray();
        }
        for (Instrument i : sel.instruments()) {
            ticker(w, model.snapshot(i), mini);
        }
        if (!sel.single()) {
            w.endArray();
        }
        boolean all = (symbol == null || symbol.isEmpty()) && (symbols == null || symbols.isEmpty());
        return respond(ticker24hrWeight(sel.single(), sel.instruments().size(), all), 200, w.toString());
    }

    private void ticker(JsonWriter w, Snapshot s, boolean mini) {
        Instrument i = s.instrument();
        Quote q = s.quote();
        OrderBook b = s.book();
        long now = System.currentTimeMillis();
        long lastId = 3_000_000_000L + s.updateId() % 1_000_000_000L;
        w.beginObject().field("symbol", i.nativeId());
        if (!mini) {
            w.field("priceChange", px(i, q.lastTicks() - q.openTicks()))
                    .field("priceChangePercent", BinanceFuturesResource.changePercent(q.openTicks(), q.lastTicks()))
                    .field("weightedAvgPrice", BinanceFuturesResource.weightedAverage(i, q, 8))
                    .field("prevClosePrice", px(i, q.openTicks()));
        }
        if (!mini) {
            w.field("lastPrice", px(i, q.lastTicks()))
                    .field("lastQty", qty(i, q.lastQtyUnits()))
                    .field("bidPrice", px(i, b.bestBid()))
                    .field("bidQty", qty(i, b.bestBidUnits()))
                    .field("askPrice", px(i, b.bestAsk()))
                    .field("askQty", qty(i, b.bestAskUnits()))
                    .field("openPrice", px(i, q.openTicks()));
        } else {
            w.field("openPrice", px(i, q.openTicks()));
        }
        w.field("highPrice", px(i, q.highTicks()))
                .field("lowPrice", px(i, q.lowTicks()));
        if (mini) {
            w.field("lastPrice", px(i, q.lastTicks()));
        }
        w.field("volume", Decimals.plain(q.volumeBase(), 8))
                .field("quoteVolume", Decimals.plain(q.quoteVolume(), 8))
                .field("openTime", now - 86_400_000L)
                .field("closeTime", now)
                .field("firstId", lastId - q.tradeCount() + 1)
                .field("lastId", lastId)
                .field("count", q.tradeCount())
                .endObject();
    }
}
