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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Binance USD-M futures public REST ({@code https://fapi.binance.com}) under {@code /binance-futures}.
 * Wire shapes as the real API: prices and quantities are strings, times are ms numbers, one symbol
 * gives an object and no symbol an array, errors are HTTP 400 {"code":-11xx,"msg":…}.
 */
@Path("/binance-futures/fapi/v1")
@Produces(MediaType.APPLICATION_JSON)
public class BinanceFuturesResource {

    static final Set<Integer> DEPTH_LIMITS = Set.of(5, 10, 20, 50, 100, 500, 1000);

    @Inject
    MarketModel model;

    @Inject
    BinanceWeights weights;

    private Response respond(int weight, int status, String body) {
        return weights.respond(weights.futures(), false, weight, status, body);
    }

    private Response invalidSymbol() {
        return respond(1, 400, BinanceWeights.invalidSymbol());
    }

    /**
     * With a symbol, its object ({@code oneWeight}); without one, the array of every symbol's
     * ({@code allWeight}).
     */
    private Response oneOrAll(String symbol, int oneWeight, int allWeight, int allCapacity,
            BiConsumer<JsonWriter, Instrument> item) {
        if (symbol != null && !symbol.isEmpty()) {
            Instrument i = model.byNative(Venue.BINANCE, symbol);
            if (i == null) {
                return invalidSymbol();
            }
            JsonWriter w = new JsonWriter();
            item.accept(w, i);
            return respond(oneWeight, 200, w.toString());
        }
        JsonWriter w = new JsonWriter(allCapacity).beginArray();
        for (Instrument i : model.instruments(Venue.BINANCE)) {
            item.accept(w, i);
        }
        w.endArray();
        return respond(allWeight, 200, w.toString());
    }

    @GET
    @Path("exchangeInfo")
    public Response exchangeInfo() {
        long now = System.currentTimeMillis();
        JsonWriter w = new JsonWriter(64 * 1024).beginObject()
                .field("timezone", "UTC")
                .field("serverTime", now)
                .field("futuresType", "U_MARGINED");
        w.name("rateLimits").beginArray();
        rateLimit(w, "REQUEST_WEIGHT", "MINUTE", 1, weights.futures().limit());
        rateLimit(w, "ORDERS", "MINUTE", 1, 1200);
        rateLimit(w, "ORDERS", "SECOND", 10, 300);
        w.endArray();
        w.emptyArray("exchangeFilters");
        w.name("assets").beginArray()
                .beginObject().field("asset", "USDT").field("marginAvailable", true).field("autoAssetExchange", "-10000")
                .endObject()
                .endArray();
        w.name("symbols").beginArray();
        for (Instrument i : model.instruments(Venue.BINANCE)) {
            symbol(w, i);
        }
        w.endArray().endObject();
        return respond(1, 200, w.toString());
    }

    private static void rateLimit(JsonWriter w, String type, String interval, int num, int limit) {
        w.beginObject().field("rateLimitType", type).field("interval", interval).field("intervalNum", num)
                .field("limit", limit).endObject();
    }

    private void symbol(JsonWriter w, Instrument i) {
        Snapshot s = model.snapshot(i);
        long maxPriceTicks = s.quote().markTicks() * 20;
        String step = i.unitSizeString();
        w.beginObject()
                .field("symbol", i.nativeId())
                .field("pair", i.nativeId())
                .field("contractType", "PERPETUAL")
                .field("deliveryDate", 4133404800000L)
                .field("onboardDate", 1569398400000L + i.asset().index() * 86_400_000L * 7)
                .field("status", "TRADING")
                .field("maintMarginPercent", "2.5000")
                .field("requiredMarginPercent", "5.0000")
                .field("baseAsset", i.baseName())
                .field("quoteAsset", "USDT")
                .field("marginAsset", "USDT")
                .field("pricePrecision", i.tickScale())
                .field("quantityPrecision", i.baseSizeScale())
                .field("baseAssetPrecision", 8)
                .field("quotePrecision", 8)
                .field("underlyingType", "COIN")
                .emptyArray("underlyingSubType")
                .field("settlePlan", 0)
                .field("triggerProtect", "0.0500")
                .field("liquidationFee", "0.012500")
                .field("marketTakeBound", "0.05")
                .field("maxMoveOrderLimit", 10000);
        w.name("filters").beginArray()
                .beginObject().field("minPrice", i.tickSizeString()).field("maxPrice", i.price(maxPriceTicks))
                .field("filterType", "PRICE_FILTER").field("tickSize", i.tickSizeString()).endObject()
                .beginObject().field("stepSize", step).field("filterType", "LOT_SIZE")
                .field("maxQty", i.baseSize(1_000_000)).field("minQty", step).endObject()
                .beginObject().field("stepSize", step).field("filterType", "MARKET_LOT_SIZE")
                .field("maxQty", i.baseSize(120_000)).field("minQty", step).endObject()
                .beginObject().field("limit", 200).field("filterType", "MAX_NUM_ORDERS").endObject()
                .beginObject().field("limit", 10).field("filterType", "MAX_NUM_ALGO_ORDERS").endObject()
                .beginObject().field("notional", "5").field("filterType", "MIN_NOTIONAL").endObject()
                .beginObject().field("multiplierDown", "0.9500").field("multiplierUp", "1.0500")
                .field("multiplierDecimal", "4").field("filterType", "PERCENT_PRICE").endObject()
                .endArray();
        w.strings("orderTypes", "LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET",
                "TRAILING_STOP_MARKET");
        w.strings("timeInForce", "GTC", "IOC", "FOK", "GTX", "GTD");
        w.endObject();
    }

    @GET
    @Path("depth")
    public Response depth(@QueryParam("symbol") String symbol, @QueryParam("limit") String limitParam) {
        if (symbol == null || symbol.isEmpty()) {
            return respond(1, 400, BinanceWeights.mandatory("symbol"));
        }
        Integer limit = limitParam == null ? Integer.valueOf(500) : Responses.intOrNull(limitParam);
        if (limit == null || !DEPTH_LIMITS.contains(limit)) {
            return respond(1, 400, BinanceWeights.illegal("limit", "5, 10, 20, 50, 100, 500, 1000"));
        }
        Instrument i = model.byNative(Venue.BINANCE, symbol);
        if (i == null) {
            return invalidSymbol();
        }
        Snapshot s = model.snapshot(i);
        long now = System.currentTimeMillis();
        JsonWriter w = new JsonWriter(limit * 60 + 128).beginObject()
                .field("lastUpdateId", s.updateId())
                .field("E", now)
                .field("T", now - 3);
        BookSides.Level level = (out, p, q) -> out.beginArray().str(BinanceLevels.futuresPrice(i, p))
                .str(BinanceLevels.futuresQuantity(i, q)).endArray();
        BookSides.write(w, "bids", s.book(), true, limit, level);
        BookSides.write(w, "asks", s.book(), false, limit, level);
        w.endObject();
        return respond(BinanceWeights.futuresDepth(limit), 200, w.toString());
    }

    @GET
    @Path("ticker/bookTicker")
    public Response bookTicker(@QueryParam("symbol") String symbol) {
        return oneOrAll(symbol, 2, 5, 32 * 1024, this::bookTicker);
    }

    private void bookTicker(JsonWriter w, Instrument i) {
        Snapshot s = model.snapshot(i);
        OrderBook b = s.book();
        w.beginObject()
                .field("symbol", i.nativeId())
                .field("bidPrice", i.price(b.bestBid()))
                .field("bidQty", i.baseSize(b.bestBidUnits()))
                .field("askPrice", i.price(b.bestAsk()))
                .field("askQty", i.baseSize(b.bestAskUnits()))
                .field("time", System.currentTimeMillis())
                .field("lastUpdateId", s.updateId())
                .endObject();
    }

    @GET
    @Path("ticker/24hr")
    public Response ticker24hr(@QueryParam("symbol") String symbol) {
        return oneOrAll(symbol, 1, 40, model.instruments(Venue.BINANCE).size() * 450,
                (w, i) -> ticker24hr(w, model.snapshot(i)));
    }

    static String changePercent(long open, long last) {
        return BigDecimal.valueOf(last - open).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(open), 3, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String weightedAverage(Instrument i, Quote q, int scale) {
        if (q.volumeBase().signum() == 0) {
            return Decimals.fixed(q.lastTicks(), i.tickScale(), scale);
        }
        return q.quoteVolume().divide(q.volumeBase(), scale, RoundingMode.HALF_EVEN).toPlainString();
    }

    private void ticker24hr(JsonWriter w, Snapshot s) {
        Instrument i = s.instrument();
        Quote q = s.quote();
        long now = System.currentTimeMillis();
        long lastId = 4_000_000_000L + s.updateId() % 1_000_000_000L;
        w.beginObject()
                .field("symbol", i.nativeId())
                .field("priceChange", i.price(q.lastTicks() - q.openTicks()))
                .field("priceChangePercent", changePercent(q.openTicks(), q.lastTicks()))
                .field("weightedAvgPrice", weightedAverage(i, q, i.tickScale()))
                .field("lastPrice", i.price(q.lastTicks()))
                .field("lastQty", i.baseSize(q.lastQtyUnits()))
                .field("openPrice", i.price(q.openTicks()))
                .field("highPrice", i.price(q.highTicks()))
                .field("lowPrice", i.price(q.lowTicks()))
                .field("volume", Decimals.plain(q.volumeBase(), i.baseSizeScale()))
                .field("quoteVolume", Decimals.plain(q.quoteVolume(), 2))
                .field("openTime", now - 86_400_000L)
                .field("closeTime", now)
                .field("firstId", lastId - q.tradeCount() + 1)
                .field("lastId", lastId)
                .field("count", q.tradeCount())
                .endObject();
    }

    @GET
    @Path("premiumIndex")
    public Response premiumIndex(@QueryParam("symbol") String symbol) {
        return oneOrAll(symbol, 1, 10, 16 * 1024, (w, i) -> premiumIndex(w, model.snapshot(i)));
    }

    private void premiumIndex(JsonWriter w, Snapshot s) {
        Instrument i = s.instrument();
        Quote q = s.quote();
        int markScale = Math.max(8, i.tickScale());
        w.beginObject()
                .field("symbol", i.nativeId())
                .field("markPrice", Decimals.fixed(q.markTicks(), i.tickScale(), markScale))
                .field("indexPrice", Decimals.fixed(q.indexTicks(), i.tickScale(), markScale))
                .field("estimatedSettlePrice", Decimals.fixed(q.indexTicks(), i.tickScale(), markScale))
                .field("lastFundingRate", q.fundingRate().toPlainString())
                .field("interestRate", "0.00010000")
                .field("nextFundingTime", model.nextFundingTime())
                .field("time", System.currentTimeMillis())
                .endObject();
    }
}
