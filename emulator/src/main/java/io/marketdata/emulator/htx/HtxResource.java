package io.marketdata.emulator.htx;

import io.marketdata.emulator.market.Candle;
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
import java.util.List;
import java.util.Map;

/**
 * HTX USDT-margined linear swaps REST ({@code https://api.hbdm.com}) under {@code /htx}. Book and
 * ticker sizes are integer CONTRACTS (× {@code contract_size} = base); funding fields are strings
 * with ms times where {@code funding_time} is the upcoming settlement and {@code next_funding_time}
 * the one after. Errors: HTTP 200 {"status":"error","err_code":…,"err_msg":…,"ts":…}.
 */
@Path("/htx")
@Produces(MediaType.APPLICATION_JSON)
public class HtxResource {

    /** err_code for an unknown contract_code. */
    public static final int ERR_NO_CONTRACT = 1014;
    /** err_code for a missing or invalid parameter. */
    public static final int ERR_PARAM = 1067;

    private static final Map<String, Long> PERIODS = Map.of(
            "1min", 60_000L, "5min", 300_000L, "15min", 900_000L, "30min", 1_800_000L, "60min", 3_600_000L,
            "4hour", 14_400_000L, "1day", 86_400_000L, "1week", 604_800_000L, "1mon", 2_592_000_000L);

    @Inject
    MarketModel model;

    static Response error(int code, String msg) {
        return Responses.ok(new JsonWriter().beginObject().field("status", "error").field("err_code", code)
                .field("err_msg", msg).field("ts", System.currentTimeMillis()).endObject().toString());
    }

    private static Response noContract() {
        return error(ERR_NO_CONTRACT, "This contract doesnt exist.");
    }

    private static String num(Instrument i, long ticks) {
        return Decimals.stripped(ticks, i.tickScale());
    }

    @GET
    @Path("linear-swap-api/v1/swap_contract_info")
    public Response contractInfo(@QueryParam("contract_code") String contractCode, @QueryParam("pair") String pair,
            @QueryParam("business_type") String businessType, @QueryParam("contract_type") String contractType) {
        List<Instrument> list = model.oneOrAll(Venue.HTX, contractCode);
        if (list == null) {
            return noContract();
        }
        boolean swaps = businessType == null || businessType.isEmpty() || "swap".equals(businessType)
                || "all".equals(businessType);
        boolean swapType = contractType == null || contractType.isEmpty() || "swap".equals(contractType);
        JsonWriter w = new JsonWriter(list.size() * 400 + 64).beginObject().field("status", "ok");
        w.name("data").beginArray();
        if (swaps && swapType) {
            for (Instrument i : list) {
                if (pair != null && !pair.isEmpty() && !i.nativeId().equals(pair)) {
                    continue;
                }
                w.beginObject()
                        .field("symbol", i.baseName())
                        .field("contract_code", i.nativeId())
                        .fieldNum("contract_size", Decimals.plain(i.unitSize()))
                        .fieldNum("price_tick", Decimals.plain(i.tickSize()))
                        .field("delivery_date", "")
                        .field("delivery_time", "")
                        .field("create_date", "20201021")
                        .field("contract_status", 1)
                        .field("settlement_date", Long.toString(model.nextFundingTime()))
                        .field("support_margin_mode", "all")
                        .field("business_type", "swap")
                        .field("pair", i.nativeId())
                        .field("contract_type", "swap")
                        .field("trade_partition", "USDT")
                        .endObject();
            }
        }
        w.endArray().field("ts", System.currentTimeMillis()).endObject();
        return Responses.ok(w);
    }

    @GET
    @Path("linear-swap-ex/market/depth")
    public Response depth(@QueryParam("contract_code") String contractCode, @QueryParam("type") String type) {
        if (contractCode == null || contractCode.isEmpty()) {
            return error(ERR_PARAM, "contract_code cannot be empty");
        }
        int step = parseStep(type);
        if (step < 0) {
            return error(ERR_PARAM, "invalid type: " + type);
        }
        Instrument i = model.byNative(Venue.HTX, contractCode);
        if (i == null) {
            return noContract();
        }
        int levels = step <= 5 ? 150 : 20;
        long bucket = (long) StrictMath.pow(10, step <= 5 ? step : step - 6);
        Snapshot s = model.snapshot(i);
        OrderBook b = s.book().aggregate(bucket);
        long now = System.currentTimeMillis();
        String ch = "market." + i.nativeId() + ".depth.step" + step;
        JsonWriter w = new JsonWriter(levels * 40 + 256).beginObject()
                .field("ch", ch)
                .field("status", "ok");
        w.name("tick").beginObject();
        BookSides.Level level = (out, p, q) -> out.beginArray().num(num(i, p)).num(q).endArray();
        BookSides.write(w, "asks", b, false, levels, level);
        BookSides.write(w, "bids", b, true, levels, level);
        w.field("ch", ch)
                .field("id", now / 1000)
                .field("mrid", s.updateId() * 4 + 100_000_000_000L)
                .field("ts", now)
                .field("version", s.updateId())
                .endObject();
        w.field("ts", now).endObject();
        return Responses.ok(w);
    }

    private static int parseStep(String type) {
        if (type == null || !type.startsWith("step")) {
            return -1;
        }
        try {
            int n = Integer.parseInt(type.substring(4));
            return n >= 0 && n <= 11 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @GET
    @Path("linear-swap-ex/market/detail/merged")
    public Response merged(@QueryParam("contract_code") String contractCode) {
        if (contractCode == null || contractCode.isEmpty()) {
            return error(ERR_PARAM, "contract_code cannot be empty");
        }
        Instrument i = model.byNative(Venue.HTX, contractCode);
        if (i == null) {
            return noContract();
        }
        Snapshot s = model.snapshot(i);
        Quote q = s.quote();
        OrderBook b = s.book();
        long now = System.currentTimeMillis();
        JsonWriter w = new JsonWriter(512).beginObject()
                .field("ch", "market." + i.nativeId() + ".detail.merged")
                .field("status", "ok");
        w.name("tick").beginObject()
                .field("amount", Decimals.plain(q.volumeBase()))
                .name("ask").beginArray().num(num(i, b.bestAsk())).num(b.bestAskUnits()).endArray()
                .name("bid").beginArray().num(num(i, b.bestBid())).num(b.bestBidUnits()).endArray()
                .field("close", num(i, q.lastTicks()))
                .field("count", q.tradeCount())
                .field("high", num(i, q.highTicks()))
                .field("id", now / 1000)
                .field("low", num(i, q.lowTicks()))
                .field("open", num(i, q.openTicks()))
                .field("trade_turnover", Decimals.plain(q.quoteVolume()))
                .field("ts", now)
                .field("vol", Long.toString(q.volumeUnits()))
                .endObject();
        w.field("ts", now).endObject();
        return Responses.ok(w);
    }

    /** HTX prints rates with 18 decimals. */
    private static String rate(BigDecimal r) {
        return Decimals.plain(r, 18);
    }

    private void funding(JsonWriter w, Instrument i, long upcoming) {
        Quote q = model.snapshot(i).quote();
        w.beginObject()
                .field("estimated_rate", rate(q.fundingRate()))
                .field("funding_rate", rate(q.fundingRate()))
                .field("contract_code", i.nativeId())
                .field("symbol", i.baseName())
                .field("fee_asset", "USDT")
                .field("funding_time", Long.toString(upcoming))
                .field("next_funding_time", Long.toString(upcoming + MarketModel.FUNDING_INTERVAL_MS))
                .endObject();
    }

    @GET
    @Path("linear-swap-api/v1/swap_funding_rate")
    public Response fundingRate(@QueryParam("contract_code") String contractCode) {
        if (contractCode == null || contractCode.isEmpty()) {
            return error(ERR_PARAM, "contract_code cannot be empty");
        }
        Instrument i = model.byNative(Venue.HTX, contractCode);
        if (i == null) {
            return noContract();
        }
        JsonWriter w = new JsonWriter(512).beginObject().field("status", "ok").name("data");
        funding(w, i, model.nextFundingTime());
        w.field("ts", System.currentTimeMillis()).endObject();
        return Responses.ok(w);
    }

    @GET
    @Path("linear-swap-api/v1/swap_batch_funding_rate")
    public Response batchFundingRate(@QueryParam("contract_code") String contractCode) {
        List<Instrument> list = model.oneOrAll(Venue.HTX, contractCode);
        if (list == null) {
            return noContract();
        }
        long upcoming = model.nextFundingTime();
        JsonWriter w = new JsonWriter(list.size() * 250 + 64).beginObject().field("status", "ok");
        w.name("data").beginArray();
        for (Instrument i : list) {
            funding(w, i, upcoming);
        }
        w.endArray().field("ts", System.currentTimeMillis()).endObject();
        return Responses.ok(w);
    }

    @GET
    @Path("index/market/history/linear_swap_mark_price_kline")
    public Response markPriceKline(@QueryParam("contract_code") String contractCode,
            @QueryParam("period") String period, @QueryParam("size") String sizeParam) {
        if (contractCode == null || contractCode.isEmpty()) {
            return error(ERR_PARAM, "contract_code cannot be empty");
        }
        Long periodMs = period == null ? null : PERIODS.get(period);
        if (periodMs == null) {
            return error(ERR_PARAM, "invalid period: " + period);
        }
        Integer size = Responses.intOrNull(sizeParam);
        if (size == null || size < 1 || size > 2000) {
            return error(ERR_PARAM, "size must be an integer in [1, 2000]");
        }
        Instrument i = model.byNative(Venue.HTX, contractCode);
        if (i == null) {
            return noContract();
        }
        List<Candle> candles = model.markCandles(i, periodMs, size);
        JsonWriter w = new JsonWriter(candles.size() * 200 + 128).beginObject()
                .field("ch", "market." + i.nativeId() + ".mark_price." + period);
        w.name("data").beginArray();
        for (Candle c : candles) {
            w.beginObject()
                    .field("amount", "0")
                    .field("close", num(i, c.closeTicks()))
                    .field("count", "0")
                    .field("high", num(i, c.highTicks()))
                    .field("id", c.idSeconds())
                    .field("low", num(i, c.lowTicks()))
                    .field("open", num(i, c.openTicks()))
                    .field("trade_turnover", "0")
                    .field("vol", "0")
                    .endObject();
        }
        w.endArray().field("status", "ok").field("ts", System.currentTimeMillis()).endObject();
        return Responses.ok(w);
    }
}
