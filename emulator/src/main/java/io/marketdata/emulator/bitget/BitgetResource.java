package io.marketdata.emulator.bitget;

import io.marketdata.emulator.market.Decimals;
import io.marketdata.emulator.market.Instrument;
import io.marketdata.emulator.market.MarketModel;
import io.marketdata.emulator.market.OrderBook;
import io.marketdata.emulator.market.Quote;
import io.marketdata.emulator.market.Rng;
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
import java.util.function.Consumer;

/**
 * Bitget v2 mix (USDT-M futures) market REST ({@code https://api.bitget.com}) under {@code /bitget}.
 * Envelope {"code":"00000","msg":"success","requestTime":ms,"data":…}; errors are HTTP 400 with a
 * non-zero code. Quirks kept: {@code ticker} returns an array of one; {@code merge-depth} levels are
 * JSON numbers for some symbols and strings for others (see {@link #levelsAsNumbers(String)}).
 */
@Path("/bitget/api/v2/mix/market")
@Produces(MediaType.APPLICATION_JSON)
public class BitgetResource {

    static final String PRODUCT_TYPE = "USDT-FUTURES";

    @Inject
    MarketModel model;

    /**
     * Whether merge-depth prints this symbol's levels as JSON numbers (true) or strings (false):
     * both forms occur in the wild; the choice is a fixed hash of the symbol, independent of the seed.
     */
    public static boolean levelsAsNumbers(String symbol) {
        return (Rng.hashString(symbol) & 1L) == 0L;
    }

    private static Response ok(Consumer<JsonWriter> data) {
        JsonWriter w = new JsonWriter(4096).beginObject().field("code", "00000").field("msg", "success")
                .field("requestTime", System.currentTimeMillis()).name("data");
        data.accept(w);
        w.endObject();
        return Responses.ok(w);
    }

    static Response error(String code, String msg) {
        return Responses.json(400, new JsonWriter().beginObject().field("code", code).field("msg", msg)
                .field("requestTime", System.currentTimeMillis()).fieldNull("data").endObject().toString());
    }

    private static Response checkProductType(String productType) {
        if (productType == null || productType.isEmpty()) {
            return error("40019", "Parameter productType cannot be empty");
        }
        if (!PRODUCT_TYPE.equalsIgnoreCase(productType)) {
            return error("400172", "Parameter verification failed");
        }
        return null;
    }

    private Instrument instrument(String symbol) {
        return model.byNative(Venue.BITGET, symbol);
    }

    private static Response symbolMissing() {
        return error("40019", "Parameter symbol cannot be empty");
    }

    private static Response symbolUnknown(String symbol) {
        return error("40034", "Parameter " + symbol + " does not exist");
    }

    @GET
    @Path("contracts")
    public Response contracts(@QueryParam("productType") String productType, @QueryParam("symbol") String symbol) {
        Response bad = checkProductType(productType);
        if (bad != null) {
            return bad;
        }
        List<Instrument> list = model.oneOrAll(Venue.BITGET, symbol);
        if (list == null) {
            return symbolUnknown(symbol);
        }
        return ok(w -> {
            w.beginArray();
            for (Instrument i : list) {
                contract(w, i);
            }
            w.endArray();
        });
    }

    private static void contract(JsonWriter w, Instrument i) {
        w.beginObject()
                .field("symbol", i.nativeId())
                .field("baseCoin", i.baseName())
                .field("quoteCoin", "USDT")
                .field("buyLimitPriceRatio", "0.05")
                .field("sellLimitPriceRatio", "0.05")
                .field("feeRateUpRatio", "0.005")
                .field("makerFeeRate", "0.0002")
                .field("takerFeeRate", "0.0006")
                .field("openCostUpRatio", "0.01")
                .strings("supportMarginCoins", "USDT")
                .field("minTradeNum", i.unitSizeString())
                .field("priceEndStep", "1")
                .field("volumePlace", Integer.toString(i.baseSizeScale()))
                .field("pricePlace", Integer.toString(i.tickScale()))
                .field("sizeMultiplier", i.unitSizeString())
                .field("symbolType", "perpetual")
                .field("minTradeUSDT", "5")
                .field("maxSymbolOrderNum", "200")
                .field("maxProductOrderNum", "400")
                .field("maxPositionNum", "150")
                .field("symbolStatus", "normal")
                .field("offTime", "-1")
                .field("limitOpenTime", "-1")
                .field("deliveryTime", "")
                .field("deliveryStartTime", "")
                .field("launchTime", "")
                .field("fundInterval", "8")
                .field("minLever", "1")
                .field("maxLever", "125")
                .field("posLimit", "0.05")
                .field("maintainTime", "")
                .field("maxMarketOrderQty", i.baseSize(220_000))
                .field("maxOrderQty", i.baseSize(1_200_000))
                .field("isRwa", "NO")
                .endObject();
    }

    @GET
    @Path("merge-depth")
    public Response mergeDepth(@QueryParam("symbol") String symbol, @QueryParam("productType") String productType,
            @QueryParam("precision") String precision, @QueryParam("limit") String limitParam) {
        Response bad = checkProductType(productType);
        if (bad != null) {
            return bad;
        }
        if (symbol == null || symbol.isEmpty()) {
            return symbolMissing();
        }
        int scaleStep = 0;
        String precisionName = precision == null || precision.isEmpty() ? "scale0" : precision;
        switch (precisionName) {
            case "scale0" -> scaleStep = 0;
            case "scale1" -> scaleStep = 1;
            case "scale2" -> scaleStep = 2;
            case "scale3" -> scaleStep = 3;
            default -> {
                return error("400172", "Parameter precision error");
            }
        }
        int limit;
        String limitName = limitParam == null || limitParam.isEmpty() ? "100" : limitParam;
        switch (limitName) {
            case "1" -> limit = 1;
            case "5" -> limit = 5;
            case "15" -> limit = 15;
            case "50" -> limit = 50;
            case "100" -> limit = 100;
            case "max" -> limit = Integer.MAX_VALUE;
            default -> {
                return error("400172", "Parameter limit error");
            }
        }
        Instrument i = instrument(symbol);
        if (i == null) {
            return symbolUnknown(symbol);
        }
        long bucket = (long) StrictMath.pow(10, scaleStep);
        OrderBook book = model.snapshot(i).book().aggregate(bucket);
        BookSides.Level level = level(i, levelsAsNumbers(i.nativeId()));
        String scale = Decimals.stripped(bucket, i.tickScale());
        boolean maxPrecision = scaleStep == 3;
        int lim = limit;
        return ok(w -> {
            w.beginObject();
            BookSides.write(w, "asks", book, false, lim, level);
            BookSides.write(w, "bids", book, true, lim, level);
            w.field("ts", Long.toString(System.currentTimeMillis()))
                    .field("scale", scale)
                    .field("precision", precisionName)
                    .field("isMaxPrecision", maxPrecision ? "YES" : "NO")
                    .endObject();
        });
    }

    /** Levels as JSON numbers ({@code numbers}) or strings; see {@link #levelsAsNumbers(String)}. */
    private static BookSides.Level level(Instrument i, boolean numbers) {
        if (!numbers) {
            return BookSides.stringPairs(i);
        }
        return (w, p, q) -> w.beginArray()
                .num(Decimals.stripped(p, i.tickScale()))
                .num(Decimals.stripped(q, -i.unitExp()))
                .endArray();
    }

    @GET
    @Path("ticker")
    public Response ticker(@QueryParam("symbol") String symbol, @QueryParam("productType") String productType) {
        Response bad = checkProductType(productType);
        if (bad != null) {
            return bad;
        }
        if (symbol == null || symbol.isEmpty()) {
            return symbolMissing();
        }
        Instrument i = instrument(symbol);
        if (i == null) {
            return symbolUnknown(symbol);
        }
        Snapshot s = model.snapshot(i);
        return ok(w -> {
            w.beginArray();
            ticker(w, s);
            w.endArray();
        });
    }

    @GET
    @Path("tickers")
    public Response tickers(@QueryParam("productType") String productType) {
        Response bad = checkProductType(productType);
        if (bad != null) {
            return bad;
        }
        return ok(w -> {
            w.beginArray();
            for (Instrument i : model.instruments(Venue.BITGET)) {
                ticker(w, model.snapshot(i));
            }
            w.endArray();
        });
    }

    private static void ticker(JsonWriter w, Snapshot s) {
        Instrument i = s.instrument();
        Quote q = s.quote();
        OrderBook b = s.book();
        String change = BigDecimal.valueOf(q.lastTicks() - q.openTicks())
                .divide(BigDecimal.valueOf(q.openTicks()), 5, RoundingMode.HALF_EVEN).toPlainString();
        w.beginObject()
                .field("symbol", i.nativeId())
                .field("lastPr", i.price(q.lastTicks()))
                .field("askPr", i.price(b.bestAsk()))
                .field("bidPr", i.price(b.bestBid()))
                .field("bidSz", i.baseSize(b.bestBidUnits()))
                .field("askSz", i.baseSize(b.bestAskUnits()))
                .field("high24h", i.price(q.highTicks()))
                .field("low24h", i.price(q.lowTicks()))
                .field("ts", Long.toString(System.currentTimeMillis()))
                .field("change24h", change)
                .field("baseVolume", Decimals.plain(q.volumeBase(), i.baseSizeScale()))
                .field("quoteVolume", Decimals.plain(q.quoteVolume(), 4))
                .field("usdtVolume", Decimals.plain(q.quoteVolume(), 4))
                .field("openUtc", i.price(q.openTicks()))
                .field("changeUtc24h", change)
                .field("indexPrice", i.price(q.indexTicks()))
                .field("fundingRate", Decimals.plain(q.fundingRate()))
                .field("holdingAmount", i.baseSize(q.openInterestUnits()))
                .field("deliveryStartTime", null)
                .field("deliveryTime", null)
                .field("deliveryStatus", "")
                .field("open24h", i.price(q.openTicks()))
                .field("markPrice", i.price(q.markTicks()))
                .endObject();
    }

    @GET
    @Path("current-fund-rate")
    public Response currentFundRate(@QueryParam("symbol") String symbol,
            @QueryParam("productType") String productType) {
        Response bad = checkProductType(productType);
        if (bad != null) {
            return bad;
        }
        List<Instrument> list = model.oneOrAll(Venue.BITGET, symbol);
        if (list == null) {
            return symbolUnknown(symbol);
        }
        String next = Long.toString(model.nextFundingTime());
        return ok(w -> {
            w.beginArray();
            for (Instrument i : list) {
                Quote q = model.snapshot(i).quote();
                w.beginObject()
                        .field("symbol", i.nativeId())
                        .field("fundingRate", Decimals.plain(q.fundingRate()))
                        .field("fundingRateInterval", "8")
                        .field("nextUpdate", next)
                        .field("minFundingRate", "-0.003")
                        .field("maxFundingRate", "0.003")
                        .endObject();
            }
            w.endArray();
        });
    }
}
