package io.marketdata.collector.exchange.htx;

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
 * Parsing of HTX (Huobi) USDT-margined swap REST answers. Every answer carries {@code status}:
 * {@code "ok"} or {@code "error"} with {@code err_code/err_msg} (the {@code linear-swap-api} family) or
 * {@code err-code/err-msg} (the market family), even with HTTP 200. Book and ticker sizes are in
 * <em>contracts</em>; {@code contract_size} converts them to the base coin.
 */
public final class HtxParser {

    private HtxParser() {
    }

    /** A parsed depth book: sizes in base units, {@code timestamp} = {@code tick.ts} (ms). */
    public record Book(double[][] bids, double[][] asks, long timestamp) {
    }

    /** The answer when {@code status} is {@code ok}, else the venue's error as an ExchangeException. */
    public static JsonNode checked(JsonNode body, String what) throws ExchangeException {
        if (body == null || !body.isObject()) {
            throw ExchangeException.badResponse("htx " + what + ": not a JSON object");
        }
        String status = body.path("status").asText("");
        if (!"ok".equals(status)) {
            String code = body.has("err_code") ? body.path("err_code").asText() : body.path("err-code").asText("");
            String message = body.has("err_msg") ? body.path("err_msg").asText() : body.path("err-msg").asText("");
            throw ExchangeException.badResponse("htx " + what + ": status '" + status + "' " + code + " " + message);
        }
        return body;
    }

    /**
     * {@code /linear-swap-api/v1/swap_contract_info}: swaps ({@code business_type=swap}) trading
     * ({@code contract_status=1}) in the USDT partition, keyed by {@code symbol/trade_partition:trade_partition}
     * (USDT-margined swaps settle in USDT), with {@code contract_size} base units per contract.
     */
    public static Map<UnifiedSymbol, Instrument> instruments(JsonNode body) throws ExchangeException {
        JsonNode data = JsonFields.requiredArray(checked(body, "swap_contract_info"), "data", "htx swap_contract_info");
        Map<UnifiedSymbol, Instrument> out = new LinkedHashMap<>();
        for (JsonNode c : data) {
            if (c.path("contract_status").asInt(-1) != 1
                    || !"swap".equals(c.path("business_type").asText("swap"))
                    || !"swap".equals(c.path("contract_type").asText("swap"))
                    || !"USDT".equals(c.path("trade_partition").asText())) {
                continue;
            }
            String nativeId = JsonFields.requiredText(c, "contract_code", "htx contract");
            String what = "htx contract " + nativeId;
            String base = JsonFields.requiredText(c, "symbol", what);
            String partition = JsonFields.requiredText(c, "trade_partition", what);
            double contractSize = Levels.number(c.get("contract_size"), what + " contract_size");
            if (!(contractSize > 0)) {
                throw ExchangeException.badResponse(what + ": contract_size " + contractSize + " is not positive");
            }
            UnifiedSymbol symbol = UnifiedSymbol.perpetual(base, partition, partition);
            out.putIfAbsent(symbol, new Instrument(symbol, nativeId, contractSize));
        }
        return out;
    }

    /**
     * {@code /linear-swap-api/v1/swap_batch_funding_rate} ({@code data} is an array of strings).
     * HTX's {@code funding_time} is the <em>upcoming</em> settlement, the one at which the current
     * {@code funding_rate} is charged, so it becomes our {@code next_funding_time}; HTX's own
     * {@code next_funding_time} is the settlement after that one and is not used.
     */
    public static Map<String, MarketStats> funding(JsonNode body) throws ExchangeException {
        JsonNode data = JsonFields.requiredArray(checked(body, "swap_batch_funding_rate"), "data",
                "htx swap_batch_funding_rate");
        return BulkStats.byId(data, "contract_code", "htx funding ", (f, what) -> {
            Long upcoming = Levels.optionalLong(f.get("funding_time"), what + "funding_time");
            return new MarketStats(null, null, null, null,
                    Levels.optionalNumber(f.get("funding_rate"), what + "funding_rate"),
                    upcoming != null && upcoming > 0 ? upcoming : null,
                    null);
        });
    }

    /**
     * {@code /linear-swap-ex/market/detail/merged}: {@code tick.bid/ask = [price, contracts]} (prices
     * only are used), {@code close} = last, {@code amount} = 24 h volume already in the base coin (used
     * as is: it is not exactly {@code vol × contract_size}).
     */
    public static MarketStats ticker(JsonNode body, String nativeId) throws ExchangeException {
        String what = "htx detail/merged " + nativeId;
        JsonNode tick = JsonFields.requiredObject(checked(body, "detail/merged " + nativeId), "tick", what);
        return new MarketStats(
                price(tick.get("bid"), what + " bid"),
                price(tick.get("ask"), what + " ask"),
                Levels.optionalNumber(tick.get("close"), what + " close"),
                Levels.optionalNumber(tick.get("amount"), what + " amount"),
                null, null, null);
    }

    /**
     * {@code /index/market/history/linear_swap_mark_price_kline?period=1min&size=1}: the close of the
     * latest candle (candles are oldest first; with {@code size=1} it is {@code data[0].close}); null when
     * {@code data} is empty.
     */
    public static Double markPrice(JsonNode body, String nativeId) throws ExchangeException {
        String what = "htx mark price kline " + nativeId;
        JsonNode data = JsonFields.requiredArray(checked(body, "mark price kline " + nativeId), "data", what);
        if (data.isEmpty()) {
            return null;
        }
        return Levels.optionalNumber(data.get(data.size() - 1).get("close"), what + " close");
    }

    /**
     * {@code /linear-swap-ex/market/depth?type=step0}: {@code tick.bids/asks = [[price, contracts],…]}
     * (up to 150 levels), sizes × contract size; time {@code tick.ts} (ms).
     */
    public static Book book(JsonNode body, Instrument instrument) throws ExchangeException {
        String what = "htx depth " + instrument.nativeId();
        JsonNode tick = JsonFields.requiredObject(checked(body, "depth " + instrument.nativeId()), "tick", what);
        double[][] bids = Levels.parse(JsonFields.requiredArray(tick, "bids", what), instrument.contractSize(), true);
        double[][] asks = Levels.parse(JsonFields.requiredArray(tick, "asks", what), instrument.contractSize(), false);
        Long ts = Levels.optionalLong(tick.get("ts"), what + " ts");
        if (ts == null) {
            throw ExchangeException.badResponse(what + ": missing 'tick.ts'");
        }
        return new Book(bids, asks, ts);
    }

    private static Double price(JsonNode quote, String what) throws ExchangeException {
        if (quote == null || quote.isNull() || !quote.isArray() || quote.isEmpty()) {
            return null;
        }
        return Levels.optionalNumber(quote.get(0), what);
    }
}
