package io.marketdata.emulator.gateio;

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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Gate.io futures API v4 ({@code https://api.gateio.ws/api/v4}) under {@code /gateio/api/v4}, settle
 * {@code usdt}. Quirks kept: {@code quanto_multiplier} and prices are strings; book levels are
 * objects {"p":"…","s":contracts} with integer CONTRACTS; {@code current}/{@code update} are float
 * SECONDS; {@code funding_next_apply} is epoch SECONDS; {@code tickers} is an array even for one
 * contract. Errors are HTTP 400 {"label":…,"message":…}.
 */
@Path("/gateio/api/v4/futures/{settle}")
@Produces(MediaType.APPLICATION_JSON)
public class GateResource {

    /** Gate's maximum order-book depth per side. */
    public static final int MAX_LIMIT = 300;

    @Inject
    MarketModel model;

    static Response error(String label, String message) {
        return Responses.json(400, new JsonWriter().beginObject().field("label", label).field("message", message)
                .endObject().toString());
    }

    private static Response checkSettle(String settle) {
        if (!"usdt".equals(settle)) {
            return error("INVALID_PARAM_VALUE", "settle " + settle + " is not served by the emulator (only usdt)");
        }
        return null;
    }

    private static Response contractNotFound(String name) {
        return error("CONTRACT_NOT_FOUND", "Contract " + name + " not found");
    }

    private static String px(Instrument i, long ticks) {
        return Decimals.stripped(ticks, i.tickScale());
    }

    @GET
    @Path("contracts")
    public Response contracts(@PathParam("settle") String settle) {
        Response bad = checkSettle(settle);
        if (bad != null) {
            return bad;
        }
        List<Instrument> list = model.instruments(Venue.GATEIO);
        JsonWriter w = new JsonWriter(list.size() * 1200).beginArray();
        long nextApply = model.nextFundingTime() / 1000;
        for (Instrument i : list) {
            contract(w, model.snapshot(i), nextApply);
        }
        w.endArray();
        return Responses.ok(w);
    }

    @GET
    @Path("contracts/{contract}")
    public Response contract(@PathParam("settle") String settle, @PathParam("contract") String name) {
        Response bad = checkSettle(settle);
        if (bad != null) {
            return bad;
        }
        Instrument i = model.byNative(Venue.GATEIO, name);
        if (i == null) {
            return contractNotFound(name);
        }
        JsonWriter w = new JsonWriter(1400);
        contract(w, model.snapshot(i), model.nextFundingTime() / 1000);
        return Responses.ok(w);
    }

    private static void contract(JsonWriter w, Snapshot s, long nextApplySeconds) {
        Instrument i = s.instrument();
        Quote q = s.quote();
        long created = 1_577_836_800L + i.asset().index() * 86_400L * 11;
        w.beginObject()
                .field("name", i.nativeId())
                .field("type", "direct")
                .field("quanto_multiplier", Decimals.plain(i.unitSize()))
                .field("ref_discount_rate", "0")
                .field("order_price_deviate", "0.5")
                .field("maintenance_rate", "0.004")
                .field("mark_type", "index")
                .field("last_price", px(i, q.lastTicks()))
                .field("mark_price", px(i, q.markTicks()))
                .field("index_price", px(i, q.indexTicks()))
                .field("funding_rate_indicative", Decimals.plain(q.fundingRate()))
                .field("mark_price_round", i.tickSizeString())
                .field("funding_offset", 0)
                .field("in_delisting", false)
                .field("risk_limit_base", "1000000")
                .field("interest_rate", "0.0003")
                .field("order_price_round", i.tickSizeString())
                .field("order_size_min", 1)
                .field("ref_rebate_rate", "0.2")
                .field("funding_interval", 28800)
                .field("risk_limit_step", "1000000")
                .field("leverage_min", "1")
                .field("leverage_max", "100")
                .field("risk_limit_max", "8000000")
                .field("maker_fee_rate", "-0.0001")
                .field("taker_fee_rate", "0.00075")
                .field("funding_rate", Decimals.plain(q.fundingRate()))
                .field("order_size_max", 1_000_000)
                .field("funding_next_apply", nextApplySeconds)
                .field("short_users", 1000 + i.asset().index() * 37L)
                .field("config_change_time", created + 3_600)
                .field("trade_size", q.volumeUnits() * 400)
                .field("position_size", q.openInterestUnits())
                .field("long_users", 1200 + i.asset().index() * 41L)
                .field("funding_impact_value", "60000")
                .field("orders_limit", 50)
                .field("trade_id", 100_000_000L + s.updateId() % 1_000_000_000L)
                .field("orderbook_id", s.updateId())
                .field("enable_bonus", true)
                .field("enable_credit", true)
                .field("create_time", created)
                .field("funding_cap_ratio", "0.75")
                .field("status", "trading")
                .field("launch_time", created)
                .endObject();
    }

    @GET
    @Path("order_book")
    public Response orderBook(@PathParam("settle") String settle, @QueryParam("contract") String contract,
            @QueryParam("interval") String interval, @QueryParam("limit") String limitParam,
            @QueryParam("with_id") String withId) {
        Response bad = checkSettle(settle);
        if (bad != null) {
            return bad;
        }
        if (contract == null || contract.isEmpty()) {
            return error("MISSING_REQUIRED_PARAM", "Missing required parameter: contract");
        }
        Integer limit = Responses.intOrNull(limitParam, 10);
        if (limit == null) {
            return error("INVALID_PARAM_VALUE", "Invalid parameter value: limit");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return error("INVALID_PARAM_VALUE", "limit must be within [1, " + MAX_LIMIT + "]");
        }
        Instrument i = model.byNative(Venue.GATEIO, contract);
        if (i == null) {
            return contractNotFound(contract);
        }
        long bucket = 1;
        if (interval != null && !interval.isEmpty()) {
            bucket = bucketTicks(i, interval);
            if (bucket < 0) {
                return error("INVALID_PARAM_VALUE", "Invalid interval: " + interval);
            }
        }
        Snapshot s = model.snapshot(i);
        OrderBook b = s.book().aggregate(bucket);
        long now = System.currentTimeMillis();
        JsonWriter w = new JsonWriter(limit * 60 + 128).beginObject();
        if ("true".equalsIgnoreCase(withId)) {
            w.field("id", s.updateId());
        }
        w.fieldNum("current", Decimals.fixed(now, 3))
                .fieldNum("update", Decimals.fixed(now - 7, 3));
        BookSides.Level level = (out, p, q) -> out.beginObject().field("p", px(i, p)).field("s", q).endObject();
        BookSides.write(w, "asks", b, false, limit, level);
        BookSides.write(w, "bids", b, true, limit, level);
        w.endObject();
        return Responses.ok(w);
    }

    /** Ticks per aggregation bucket for Gate's {@code interval}: 0, or tick × {1, 5} × 10^k; -1 if invalid. */
    static long bucketTicks(Instrument i, String interval) {
        BigDecimal v;
        try {
            v = new BigDecimal(interval.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
        if (v.signum() == 0) {
            return 1;
        }
        if (v.signum() < 0) {
            return -1;
        }
        BigDecimal ratio = v.divide(i.tickSize());
        if (ratio.stripTrailingZeros().scale() > 0) {
            return -1;
        }
        long ticks;
        try {
            ticks = ratio.longValueExact();
        } catch (ArithmeticException e) {
            return -1;
        }
        long m = ticks;
        while (m % 10 == 0) {
            m /= 10;
        }
        return m == 1 || m == 5 ? ticks : -1;
    }

    @GET
    @Path("tickers")
    public Response tickers(@PathParam("settle") String settle, @QueryParam("contract") String contract) {
        Response bad = checkSettle(settle);
        if (bad != null) {
            return bad;
        }
        List<Instrument> list = model.oneOrAll(Venue.GATEIO, contract);
        if (list == null) {
            return contractNotFound(contract);
        }
        JsonWriter w = new JsonWriter(list.size() * 700 + 16).beginArray();
        for (Instrument i : list) {
            ticker(w, model.snapshot(i));
        }
        w.endArray();
        return Responses.ok(w);
    }

    private static void ticker(JsonWriter w, Snapshot s) {
        Instrument i = s.instrument();
        Quote q = s.quote();
        OrderBook b = s.book();
        String changePct = BigDecimal.valueOf(q.lastTicks() - q.openTicks()).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(q.openTicks()), 2, RoundingMode.HALF_EVEN).toPlainString();
        BigDecimal basis = i.priceDecimal(q.markTicks() - q.indexTicks());
        String basisRate = i.priceDecimal(q.markTicks()).subtract(i.priceDecimal(q.indexTicks()))
                .divide(i.priceDecimal(q.indexTicks()), 6, RoundingMode.HALF_EVEN).toPlainString();
        String quoteVol = Decimals.plain(q.quoteVolume().setScale(0, RoundingMode.HALF_EVEN));
        w.beginObject()
                .field("contract", i.nativeId())
                .field("last", px(i, q.lastTicks()))
                .field("change_percentage", changePct)
                .field("total_size", Long.toString(q.openInterestUnits()))
                .field("low_24h", px(i, q.lowTicks()))
                .field("high_24h", px(i, q.highTicks()))
                .field("volume_24h", Long.toString(q.volumeUnits()))
                .field("volume_24h_btc", "0")
                .field("volume_24h_usd", quoteVol)
                .field("volume_24h_base", Decimals.plain(q.volumeBase()))
                .field("volume_24h_quote", quoteVol)
                .field("volume_24h_settle", quoteVol)
                .field("mark_price", px(i, q.markTicks()))
                .field("funding_rate", Decimals.plain(q.fundingRate()))
                .field("funding_rate_indicative", Decimals.plain(q.fundingRate()))
                .field("index_price", px(i, q.indexTicks()))
                .field("quanto_base_rate", "")
                .field("basis_rate", basisRate)
                .field("basis_value", Decimals.plain(basis))
                .field("lowest_ask", px(i, b.bestAsk()))
                .field("lowest_size", Long.toString(b.bestAskUnits()))
                .field("highest_bid", px(i, b.bestBid()))
                .field("highest_size", Long.toString(b.bestBidUnits()))
                .endObject();
    }
}
