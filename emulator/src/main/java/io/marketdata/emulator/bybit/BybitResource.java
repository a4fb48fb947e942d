package io.marketdata.emulator.bybit;

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
import java.util.List;

/**
 * Bybit v5 market REST ({@code https://api.bybit.com}) under {@code /bybit}, category {@code linear}.
 * Every response is the v5 envelope {retCode, retMsg, result, retExtInfo, time} with HTTP 200 —
 * errors too (retCode 10001); every number inside {@code result} is a string.
 */
@Path("/bybit/v5/market")
@Produces(MediaType.APPLICATION_JSON)
public class BybitResource {

    public static final int PARAMS_ERROR = 10001;

    @Inject
    MarketModel model;

    private static JsonWriter open(int retCode, String retMsg) {
        return new JsonWriter(1024).beginObject().field("retCode", retCode).field("retMsg", retMsg);
    }

    private static Response close(JsonWriter w) {
        w.emptyObject("retExtInfo").field("time", System.currentTimeMillis()).endObject();
        return Responses.ok(w);
    }

    /** A Bybit error: HTTP 200, non-zero retCode, empty result. */
    static Response error(int retCode, String retMsg) {
        JsonWriter w = open(retCode, retMsg).emptyObject("result");
        return close(w);
    }

    private static Response checkCategory(String category) {
        if (category == null || category.isEmpty()) {
            return error(PARAMS_ERROR, "params error: category is required");
        }
        if (!"linear".equals(category)) {
            return error(PARAMS_ERROR, "params error: Illegal category");
        }
        return null;
    }

    @GET
    @Path("instruments-info")
    public Response instrumentsInfo(@QueryParam("category") String category, @QueryParam("symbol") String symbol,
            @QueryParam("baseCoin") String baseCoin) {
        Response bad = checkCategory(category);
        if (bad != null) {
            return bad;
        }
        List<Instrument> list = model.instruments(Venue.BYBIT);
        JsonWriter w = open(0, "OK").name("result").beginObject().field("category", "linear");
        w.name("list").beginArray();
        for (Instrument i : list) {
            if (symbol != null && !symbol.isEmpty() && !i.nativeId().equals(symbol)) {
                continue;
            }
            if (baseCoin != null && !baseCoin.isEmpty() && !i.baseName().equals(baseCoin)) {
                continue;
            }
            instrument(w, i);
        }
        w.endArray().field("nextPageCursor", "").endObject();
        return close(w);
    }

    private void instrument(JsonWriter w, Instrument i) {
        Snapshot s = model.snapshot(i);
        w.beginObject()
                .field("symbol", i.nativeId())
                .field("contractType", "LinearPerpetual")
                .field("status", "Trading")
                .field("baseCoin", i.baseName())
                .field("quoteCoin", "USDT")
                .field("launchTime", Long.toString(1585526400000L + i.asset().index() * 86_400_000L * 9))
                .field("deliveryTime", "0")
                .field("deliveryFeeRate", "")
                .field("priceScale", Integer.toString(i.tickScale()));
        w.name("leverageFilter").beginObject().field("minLeverage", "1").field("maxLeverage", "100.00")
                .field("leverageStep", "0.01").endObject();
        w.name("priceFilter").beginObject().field("minPrice", i.tickSizeString())
                .field("maxPrice", i.price(s.quote().markTicks() * 30)).field("tickSize", i.tickSizeString())
                .endObject();
        w.name("lotSizeFilter").beginObject().field("maxOrderQty", i.baseSize(1_190_000))
                .field("minOrderQty", i.unitSizeString()).field("qtyStep", i.unitSizeString())
                .field("postOnlyMaxOrderQty", i.baseSize(1_190_000)).field("maxMktOrderQty", i.baseSize(500_000))
                .field("minNotionalValue", "5").endObject();
        w.field("unifiedMarginTrade", true)
                .field("fundingInterval", 480)
                .field("settleCoin", "USDT")
                .field("copyTrading", "both")
                .field("upperFundingRate", "0.00375")
                .field("lowerFundingRate", "-0.00375")
                .field("isPreListing", false)
                .fieldNull("preListingInfo");
        w.name("riskParameters").beginObject().field("priceLimitRatioX", "0.01").field("priceLimitRatioY", "0.02")
                .endObject();
        w.field("displayName", "");
        w.endObject();
    }

    @GET
    @Path("orderbook")
    public Response orderbook(@QueryParam("category") String category, @QueryParam("symbol") String symbol,
            @QueryParam("limit") String limitParam) {
        Response bad = checkCategory(category);
        if (bad != null) {
            return bad;
        }
        if (symbol == null || symbol.isEmpty()) {
            return error(PARAMS_ERROR, "params error: symbol is required");
        }
        Integer limit = Responses.intOrNull(limitParam, 25);
        if (limit == null) {
            return error(PARAMS_ERROR, "params error: limit invalid");
        }
        if (limit < 1 || limit > 500) {
            return error(PARAMS_ERROR, "params error: limit must be in [1, 500] for linear");
        }
        Instrument i = model.byNative(Venue.BYBIT, symbol);
        if (i == null) {
            return error(PARAMS_ERROR, "params error: symbol invalid");
        }
        Snapshot s = model.snapshot(i);
        OrderBook b = s.book();
        long now = System.currentTimeMillis();
        JsonWriter w = open(0, "OK").name("result").beginObject().field("s", i.nativeId());
        BookSides.write(w, "b", b, true, limit, BookSides.stringPairs(i));
        BookSides.write(w, "a", b, false, limit, BookSides.stringPairs(i));
        w.field("ts", now)
                .field("u", s.updateId())
                .field("seq", s.updateId() * 3 + 7_000_000_000L)
                .field("cts", now - 2)
                .endObject();
        return close(w);
    }

    @GET
    @Path("tickers")
    public Response tickers(@QueryParam("category") String category, @QueryParam("symbol") String symbol) {
        Response bad = checkCategory(category);
        if (bad != null) {
            return bad;
        }
        List<Instrument> list = model.oneOrAll(Venue.BYBIT, symbol);
        if (list == null) {
            return error(PARAMS_ERROR, "params error: symbol invalid");
        }
        JsonWriter w = open(0, "OK").name("result").beginObject().field("category", "linear");
        w.name("list").beginArray();
        long nextFunding = model.nextFundingTime();
        for (Instrument i : list) {
            ticker(w, model.snapshot(i), nextFunding);
        }
        w.endArray().endObject();
        return close(w);
    }

    private static void ticker(JsonWriter w, Snapshot s, long nextFunding) {
        Instrument i = s.instrument();
        Quote q = s.quote();
        OrderBook b = s.book();
        String pcnt = BigDecimal.valueOf(q.lastTicks() - q.openTicks())
                .divide(BigDecimal.valueOf(q.openTicks()), 6, RoundingMode.HALF_EVEN).toPlainString();
        BigDecimal oi = i.baseSizeDecimal(q.openInterestUnits());
        w.beginObject()
                .field("symbol", i.nativeId())
                .field("lastPrice", i.price(q.lastTicks()))
                .field("indexPrice", i.price(q.indexTicks()))
                .field("markPrice", i.price(q.markTicks()))
                .field("prevPrice24h", i.price(q.openTicks()))
                .field("price24hPcnt", pcnt)
                .field("highPrice24h", i.price(q.highTicks()))
                .field("lowPrice24h", i.price(q.lowTicks()))
                .field("prevPrice1h", i.price(q.openTicks() + (q.lastTicks() - q.openTicks()) * 23 / 24))
                .field("openInterest", Decimals.plain(oi, i.baseSizeScale()))
                .field("openInterestValue", Decimals.plain(oi.multiply(i.priceDecimal(q.markTicks())), 2))
                .field("turnover24h", Decimals.plain(q.quoteVolume(), 4))
                .field("volume24h", Decimals.plain(q.volumeBase(), i.baseSizeScale()))
                .field("fundingRate", Decimals.plain(q.fundingRate()))
                .field("nextFundingTime", Long.toString(nextFunding))
                .field("predictedDeliveryPrice", "")
                .field("basisRate", "")
                .field("deliveryFeeRate", "")
                .field("deliveryTime", "0")
                .field("ask1Size", i.baseSize(b.bestAskUnits()))
                .field("bid1Price", i.price(b.bestBid()))
                .field("ask1Price", i.price(b.bestAsk()))
                .field("bid1Size", i.baseSize(b.bestBidUnits()))
                .field("basis", "")
                .field("preOpenPrice", "")
                .field("preQty", "")
                .field("curPreListingPhase", "")
                .field("fundingIntervalHour", "8")
                .field("fundingCap", "0.00375")
                .endObject();
    }
}
