package io.marketdata.collector.exchange.bybit;

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
 * Parsing of Bybit v5 {@code category=linear} REST answers. Every answer is an envelope
 * {@code {"retCode":0,"retMsg":"OK","result":{…},"time":ms}}; a non-zero {@code retCode} arrives with
 * HTTP 200 and is an error.
 */
public final class BybitParser {

    private BybitParser() {
    }

    /** One page of the instrument list and the cursor of the next one (null on the last page). */
    public record InstrumentPage(Map<UnifiedSymbol, Instrument> instruments, String nextCursor) {
    }

    /** A parsed order book: sizes in base units, {@code timestamp} = {@code result.ts} (ms). */
    public record Book(double[][] bids, double[][] asks, long timestamp, long updateId) {
    }

    /** The {@code result} object of a successful answer, else the venue's error as an ExchangeException. */
    public static JsonNode result(JsonNode body, String what) throws ExchangeException {
        if (body == null || !body.isObject()) {
            throw ExchangeException.badResponse("bybit " + what + ": not a JSON object");
        }
        JsonNode code = body.get("retCode");
        if (code == null || code.isNull()) {
            throw ExchangeException.badResponse("bybit " + what + ": missing 'retCode'");
        }
        if (code.asInt(-1) != 0) {
            throw ExchangeException.badResponse("bybit " + what + ": retCode " + code.asText() + " "
                    + body.path("retMsg").asText(""));
        }
        JsonNode result = body.get("result");
        if (result == null || !result.isObject()) {
            throw ExchangeException.badResponse("bybit " + what + ": missing 'result'");
        }
        return result;
    }

    /**
     * One page of {@code /v5/market/instruments-info?category=linear}: only {@code LinearPerpetual} in
     * {@code status=Trading} settled in USDT, keyed by {@code baseCoin/quoteCoin:settleCoin}. Linear
     * sizes are already in the base coin (contract size 1).
     */
    public static InstrumentPage instruments(JsonNode body) throws ExchangeException {
        JsonNode result = result(body, "instruments-info");
        JsonNode list = list(result, "bybit instruments-info");
        Map<UnifiedSymbol, Instrument> out = new LinkedHashMap<>();
        for (JsonNode i : list) {
            if (!"LinearPerpetual".equals(i.path("contractType").asText())
                    || !"Trading".equals(i.path("status").asText())
                    || !"USDT".equals(i.path("settleCoin").asText())) {
                continue;
            }
            String nativeId = JsonFields.requiredText(i, "symbol", "bybit instrument");
            UnifiedSymbol symbol = UnifiedSymbol.perpetual(
                    JsonFields.requiredText(i, "baseCoin", "bybit instrument " + nativeId),
                    JsonFields.requiredText(i, "quoteCoin", "bybit instrument " + nativeId),
                    JsonFields.requiredText(i, "settleCoin", "bybit instrument " + nativeId));
            out.putIfAbsent(symbol, new Instrument(symbol, nativeId, 1.0));
        }
        String cursor = result.path("nextPageCursor").asText("");
        return new InstrumentPage(out, cursor.isBlank() ? null : cursor);
    }

    /**
     * {@code /v5/market/tickers?category=linear}: every field a string — {@code bid1Price, ask1Price,
     * lastPrice, volume24h} (base), {@code fundingRate, nextFundingTime} (ms), {@code markPrice}.
     */
    public static Map<String, MarketStats> tickers(JsonNode body) throws ExchangeException {
        JsonNode list = list(result(body, "tickers"), "bybit tickers");
        return BulkStats.byId(list, "symbol", "bybit ticker ", (t, what) -> {
            Long next = Levels.optionalLong(t.get("nextFundingTime"), what + "nextFundingTime");
            return new MarketStats(
                    Levels.optionalNumber(t.get("bid1Price"), what + "bid1Price"),
                    Levels.optionalNumber(t.get("ask1Price"), what + "ask1Price"),
                    Levels.optionalNumber(t.get("lastPrice"), what + "lastPrice"),
                    Levels.optionalNumber(t.get("volume24h"), what + "volume24h"),
                    Levels.optionalNumber(t.get("fundingRate"), what + "fundingRate"),
                    next != null && next > 0 ? next : null,
                    Levels.optionalNumber(t.get("markPrice"), what + "markPrice"));
        });
    }

    /** {@code /v5/market/orderbook}: {@code result.b/a} as {@code [["price","size"],…]}, time {@code result.ts}. */
    public static Book book(JsonNode body, String nativeId) throws ExchangeException {
        String what = "bybit orderbook " + nativeId;
        JsonNode result = result(body, "orderbook " + nativeId);
        double[][] bids = Levels.parse(JsonFields.requiredArray(result, "b", what), 1.0, true);
        double[][] asks = Levels.parse(JsonFields.requiredArray(result, "a", what), 1.0, false);
        long ts = JsonFields.requiredLong(result, "ts", what);
        Long u = Levels.optionalLong(result.get("u"), what + " u");
        return new Book(bids, asks, ts, u == null ? -1 : u);
    }

    private static JsonNode list(JsonNode result, String what) throws ExchangeException {
        return JsonFields.requiredArray(result, "list", what);
    }
}
