package io.marketdata.collector.exchange.bitget;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.exchange.BulkStats;
import io.marketdata.collector.exchange.ExchangeException;
import io.marketdata.collector.exchange.Instrument;
import io.marketdata.collector.exchange.JsonFields;
import io.marketdata.collector.exchange.Levels;
import io.marketdata.collector.exchange.MarketStats;
import io.marketdata.contracts.UnifiedSymbol;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsing of Bitget v2 mix ({@code productType=USDT-FUTURES}) REST answers. Every answer is an
 * envelope {@code {"code":"00000","msg":"success","requestTime":ms,"data":…}}; any other
 * {@code code} is an error, even with HTTP 200.
 */
public final class BitgetParser {

    static final String OK = "00000";
    /** How a {@code data} that should list every symbol but is no array is reported. */
    private static final String DATA_NOT_ARRAY = "'data' is not an array";

    private BitgetParser() {
    }

    /** A parsed merged-depth book: sizes in base units, {@code timestamp} = {@code data.ts} (ms). */
    public record Book(double[][] bids, double[][] asks, long timestamp) {
    }

    /** {@code current-fund-rate}: the current rate and the ms time of the next settlement. */
    public record Funding(Double rate, Long nextUpdate) {
    }

    /** The {@code data} node of a successful answer, else the venue's error as an ExchangeException. */
    public static JsonNode data(JsonNode body, String what) throws ExchangeException {
        if (body == null || !body.isObject()) {
            throw ExchangeException.badResponse("bitget " + what + ": not a JSON object");
        }
        JsonNode code = body.get("code");
        if (code == null || code.isNull()) {
            throw ExchangeException.badResponse("bitget " + what + ": missing 'code'");
        }
        if (!OK.equals(code.asText())) {
            throw ExchangeException.badResponse("bitget " + what + ": code " + code.asText() + " "
                    + body.path("msg").asText(""));
        }
        JsonNode data = body.get("data");
        if (data == null || data.isNull()) {
            throw ExchangeException.badResponse("bitget " + what + ": missing 'data'");
        }
        return data;
    }

    /**
     * {@code /api/v2/mix/market/contracts?productType=USDT-FUTURES}: perpetuals
     * ({@code symbolType=perpetual} where given) with {@code symbolStatus=normal} quoted in USDT, keyed by
     * {@code baseCoin/quoteCoin:quoteCoin} — USDT-FUTURES contracts are margined and settled in USDT,
     * the quote coin. Sizes are in the base coin (contract size 1).
     */
    public static Map<UnifiedSymbol, Instrument> instruments(JsonNode body) throws ExchangeException {
        JsonNode data = JsonFields.arrayBody(data(body, "contracts"), "bitget contracts", DATA_NOT_ARRAY);
        Map<UnifiedSymbol, Instrument> out = new LinkedHashMap<>();
        for (JsonNode c : data) {
            String type = c.path("symbolType").asText("perpetual");
            if (!"normal".equals(c.path("symbolStatus").asText())
                    || !"USDT".equals(c.path("quoteCoin").asText())
                    || !(type.isBlank() || "perpetual".equals(type))) {
                continue;
            }
            String nativeId = JsonFields.requiredText(c, "symbol", "bitget contract");
            String base = JsonFields.requiredText(c, "baseCoin", "bitget contract " + nativeId);
            String quote = JsonFields.requiredText(c, "quoteCoin", "bitget contract " + nativeId);
            UnifiedSymbol symbol = UnifiedSymbol.perpetual(base, quote, quote);
            out.putIfAbsent(symbol, new Instrument(symbol, nativeId, 1.0));
        }
        return out;
    }

    /**
     * {@code /api/v2/mix/market/tickers?productType=USDT-FUTURES} ({@code data} is an array of strings):
     * {@code bidPr, askPr, lastPr, baseVolume, fundingRate, markPrice}. It has no next funding time.
     */
    public static Map<String, MarketStats> tickers(JsonNode body) throws ExchangeException {
        JsonNode data = JsonFields.arrayBody(data(body, "tickers"), "bitget tickers", DATA_NOT_ARRAY);
        return BulkStats.byId(data, "symbol", "bitget ticker ", (t, what) -> new MarketStats(
                Levels.optionalNumber(t.get("bidPr"), what + "bidPr"),
                Levels.optionalNumber(t.get("askPr"), what + "askPr"),
                Levels.optionalNumber(t.get("lastPr"), what + "lastPr"),
                Levels.optionalNumber(t.get("baseVolume"), what + "baseVolume"),
                Levels.optionalNumber(t.get("fundingRate"), what + "fundingRate"),
                null,
                Levels.optionalNumber(t.get("markPrice"), what + "markPrice")));
    }

    /**
     * {@code /api/v2/mix/market/current-fund-rate}: {@code data} is an array with one entry
     * ({@code fundingRate}, {@code nextUpdate} as a ms string).
     */
    public static Funding funding(JsonNode body, String nativeId) throws ExchangeException {
        String what = "bitget current-fund-rate " + nativeId;
        JsonNode data = data(body, "current-fund-rate " + nativeId);
        JsonNode entry = data;
        if (data.isArray()) {
            entry = null;
            for (JsonNode e : data) {
                if (entry == null || nativeId.equals(e.path("symbol").asText())) {
                    entry = e;
                }
            }
            if (entry == null) {
                throw ExchangeException.badResponse(what + ": empty 'data'");
            }
        }
        Long next = Levels.optionalLong(entry.get("nextUpdate"), what + " nextUpdate");
        return new Funding(Levels.optionalNumber(entry.get("fundingRate"), what + " fundingRate"),
                next != null && next > 0 ? next : null);
    }

    /**
     * {@code /api/v2/mix/market/merge-depth}: {@code data.bids/asks} as {@code [price, size]} pairs —
     * seen both as JSON numbers and as strings — and {@code data.ts} (ms, a string).
     */
    public static Book book(JsonNode body, String nativeId) throws ExchangeException {
        String what = "bitget merge-depth " + nativeId;
        JsonNode data = data(body, "merge-depth " + nativeId);
        double[][] bids = Levels.parse(JsonFields.requiredArray(data, "bids", what), 1.0, true);
        double[][] asks = Levels.parse(JsonFields.requiredArray(data, "asks", what), 1.0, false);
        return new Book(bids, asks, JsonFields.requiredLong(data, "ts", what));
    }
}
