package io.marketdata.collector.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.exchange.BulkStats;
import io.marketdata.collector.exchange.ExchangeException;
import io.marketdata.collector.exchange.Instrument;
import io.marketdata.collector.exchange.JsonFields;
import io.marketdata.collector.exchange.Levels;
import io.marketdata.collector.exchange.MarketStats;
import io.marketdata.contracts.UnifiedSymbol;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parsing of Binance REST answers (USD-M futures {@code /fapi/v1/*} and spot {@code /api/v3/*}, which
 * share their shapes): instrument lists, the bulk tickers and the depth snapshot. Pure functions over
 * Jackson trees so recorded payloads can be fed in tests.
 */
public final class BinanceParser {

    /** How an all-symbols answer that is not an array is reported. */
    private static final String ALL_SYMBOLS = "expected an array of all symbols";

    private BinanceParser() {
    }

    /** A parsed depth snapshot: sizes in base units, {@code timestamp} in epoch ms. */
    public record Book(double[][] bids, double[][] asks, long timestamp, long lastUpdateId) {
    }

    /**
     * Binance reports errors as {@code {"code":-1121,"msg":"Invalid symbol."}} (normally with an HTTP
     * 4xx, which the RestClient already rejects); an answer of that shape is never data.
     */
    public static JsonNode checked(JsonNode body, String what) throws ExchangeException {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ExchangeException.badResponse("binance " + what + ": empty answer");
        }
        if (body.isObject() && body.has("code") && body.has("msg")) {
            throw ExchangeException.badResponse("binance " + what + ": error " + body.get("code").asText() + " "
                    + body.get("msg").asText());
        }
        return body;
    }

    /**
     * USD-M perpetuals from {@code /fapi/v1/exchangeInfo}: {@code contractType=PERPETUAL},
     * {@code quoteAsset=USDT}, {@code status=TRADING}; keyed by {@code baseAsset/quoteAsset:marginAsset}
     * exactly as listed (so {@code 1000PEPEUSDT} is {@code 1000PEPE/USDT:USDT}). Sizes are base units.
     */
    public static Map<UnifiedSymbol, Instrument> futuresInstruments(JsonNode exchangeInfo) throws ExchangeException {
        JsonNode symbols = JsonFields.requiredArray(checked(exchangeInfo, "exchangeInfo"), "symbols",
                "binance exchangeInfo");
        Map<UnifiedSymbol, Instrument> out = new LinkedHashMap<>();
        for (JsonNode s : symbols) {
            if (!"PERPETUAL".equals(s.path("contractType").asText())
                    || !"USDT".equals(s.path("quoteAsset").asText())
                    || !"TRADING".equals(s.path("status").asText())) {
                continue;
            }
            String nativeId = JsonFields.requiredText(s, "symbol", "binance exchangeInfo symbol");
            String base = JsonFields.requiredText(s, "baseAsset", "binance exchangeInfo " + nativeId);
            String quote = JsonFields.requiredText(s, "quoteAsset", "binance exchangeInfo " + nativeId);
            String settle = s.path("marginAsset").asText(quote);
            UnifiedSymbol symbol = UnifiedSymbol.perpetual(base, quote, settle.isBlank() ? quote : settle);
            out.putIfAbsent(symbol, new Instrument(symbol, nativeId, 1.0));
        }
        return out;
    }

    /**
     * Spot pairs from {@code /api/v3/exchangeInfo} ({@code status=TRADING}, {@code quoteAsset=USDT}),
     * keyed by the perpetual they stand beside: {@code BTC/USDT:USDT} → spot {@code BTC/USDT},
     * native {@code BTCUSDT}.
     */
    public static Map<UnifiedSymbol, Instrument> spotInstruments(JsonNode exchangeInfo) throws ExchangeException {
        JsonNode symbols = JsonFields.requiredArray(checked(exchangeInfo, "spot exchangeInfo"), "symbols",
                "binance spot exchangeInfo");
        Map<UnifiedSymbol, Instrument> out = new LinkedHashMap<>();
        for (JsonNode s : symbols) {
            if (!"TRADING".equals(s.path("status").asText()) || !"USDT".equals(s.path("quoteAsset").asText())) {
                continue;
            }
            String nativeId = JsonFields.requiredText(s, "symbol", "binance spot exchangeInfo symbol");
            String base = JsonFields.requiredText(s, "baseAsset", "binance spot exchangeInfo " + nativeId);
            String quote = JsonFields.requiredText(s, "quoteAsset", "binance spot exchangeInfo " + nativeId);
            UnifiedSymbol perpetual = UnifiedSymbol.perpetual(base, quote, quote);
            out.putIfAbsent(perpetual, new Instrument(new UnifiedSymbol(base, quote, null), nativeId, 1.0));
        }
        return out;
    }

    /** {@code /ticker/bookTicker} (all symbols): best bid and ask. */
    public static Map<String, MarketStats> bookTickers(JsonNode body) throws ExchangeException {
        JsonNode list = JsonFields.arrayBody(checked(body, "bookTicker"), "binance bookTicker", ALL_SYMBOLS);
        return BulkStats.byId(list, "symbol", "binance bookTicker ", (t, what) -> new MarketStats(
                Levels.optionalNumber(t.get("bidPrice"), what + "bidPrice"),
                Levels.optionalNumber(t.get("askPrice"), what + "askPrice"),
                null, null, null, null, null));
    }

    /** {@code /ticker/24hr} (all symbols): last price and 24 h volume in base units ({@code volume}). */
    public static Map<String, MarketStats> dailyTickers(JsonNode body) throws ExchangeException {
        JsonNode list = JsonFields.arrayBody(checked(body, "ticker/24hr"), "binance ticker/24hr", ALL_SYMBOLS);
        return BulkStats.byId(list, "symbol", "binance 24hr ", (t, what) -> new MarketStats(null, null,
                Levels.optionalNumber(t.get("lastPrice"), what + "lastPrice"),
                Levels.optionalNumber(t.get("volume"), what + "volume"),
                null, null, null));
    }

    /**
     * {@code /fapi/v1/premiumIndex} (all symbols): {@code lastFundingRate}, {@code nextFundingTime}
     * (ms; 0 for contracts without funding, reported as null) and {@code markPrice}.
     */
    public static Map<String, MarketStats> premiumIndex(JsonNode body) throws ExchangeException {
        JsonNode list = JsonFields.arrayBody(checked(body, "premiumIndex"), "binance premiumIndex", ALL_SYMBOLS);
        return BulkStats.byId(list, "symbol", "binance premiumIndex ", (p, what) -> {
            Long next = Levels.optionalLong(p.get("nextFundingTime"), what + "nextFundingTime");
            return new MarketStats(null, null, null, null,
                    Levels.optionalNumber(p.get("lastFundingRate"), what + "lastFundingRate"),
                    next != null && next > 0 ? next : null,
                    Levels.optionalNumber(p.get("markPrice"), what + "markPrice"));
        });
    }

    /**
     * A futures {@code /fapi/v1/depth} answer: {@code [["price","qty"],…]} in base units; the book time
     * is {@code T} (transaction time), else {@code E} (event time).
     */
    public static Book futuresBook(JsonNode body, String nativeId) throws ExchangeException {
        String what = "binance depth " + nativeId;
        checked(body, "depth " + nativeId);
        Long time = Levels.optionalLong(body.get("T"), what + " T");
        if (time == null) {
            time = Levels.optionalLong(body.get("E"), what + " E");
        }
        if (time == null) {
            throw ExchangeException.badResponse(what + ": missing book time (T/E)");
        }
        return book(body, what, time);
    }

    /** A spot {@code /api/v3/depth} answer, which carries no time: the caller passes the receipt time. */
    public static Book spotBook(JsonNode body, String nativeId, long receivedAt) throws ExchangeException {
        String what = "binance spot depth " + nativeId;
        checked(body, "spot depth " + nativeId);
        return book(body, what, receivedAt);
    }

    private static Book book(JsonNode body, String what, long time) throws ExchangeException {
        double[][] bids = Levels.parse(JsonFields.requiredArray(body, "bids", what), 1.0, true);
        double[][] asks = Levels.parse(JsonFields.requiredArray(body, "asks", what), 1.0, false);
        Long id = Levels.optionalLong(body.get("lastUpdateId"), what + " lastUpdateId");
        return new Book(bids, asks, time, id == null ? -1 : id);
    }

    /** Fields of later maps fill the nulls of earlier ones, per symbol; only {@code wanted} ids are kept. */
    @SafeVarargs
    public static Map<String, MarketStats> combine(Set<String> wanted, Map<String, MarketStats>... parts) {
        Map<String, MarketStats> out = new HashMap<>();
        for (String id : wanted) {
            MarketStats merged = null;
            for (Map<String, MarketStats> part : parts) {
                MarketStats s = part.get(id);
                if (s != null) {
                    merged = merged == null ? s : merged.orElse(s);
                }
            }
            if (merged != null) {
                out.put(id, merged);
            }
        }
        return out;
    }
}
