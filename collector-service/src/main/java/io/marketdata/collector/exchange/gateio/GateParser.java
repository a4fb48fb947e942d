package io.marketdata.collector.exchange.gateio;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.exchange.BulkStats;
import io.marketdata.collector.exchange.ExchangeException;
import io.marketdata.collector.exchange.Instrument;
import io.marketdata.collector.exchange.JsonFields;
import io.marketdata.collector.exchange.Levels;
import io.marketdata.collector.exchange.MarketStats;
import io.marketdata.contracts.UnifiedSymbol;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsing of Gate v4 USDT-settled futures REST answers ({@code /futures/usdt/*}). Gate answers errors
 * with HTTP 4xx and {@code {"label":"CONTRACT_NOT_FOUND","message":"…"}}; an answer of that shape is
 * never data. Book sizes are integer <em>contracts</em> ({@code quanto_multiplier} base units each);
 * times come in (float) <em>seconds</em>.
 */
public final class GateParser {

    static final String SETTLE = "USDT";

    private GateParser() {
    }

    /** A parsed order book: sizes in base units, {@code timestamp} = {@code current} in ms. */
    public record Book(double[][] bids, double[][] asks, long timestamp, long id) {
    }

    /** The answer unless it is Gate's error object. */
    public static JsonNode checked(JsonNode body, String what) throws ExchangeException {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ExchangeException.badResponse("gateio " + what + ": empty answer");
        }
        if (body.isObject() && body.has("label")) {
            throw ExchangeException.badResponse("gateio " + what + ": " + body.path("label").asText() + " "
                    + body.path("message").asText(""));
        }
        return body;
    }

    /**
     * {@code /futures/usdt/contracts} (an array): every contract not {@code in_delisting} (and, where
     * the newer {@code status} field is present, in status {@code trading}), with
     * {@code quanto_multiplier} (a string) as contract size. Gate lists no separate base/quote fields:
     * {@code name} is {@code BASE_QUOTE} by the venue's own convention, settled in USDT by the path.
     */
    public static Map<UnifiedSymbol, Instrument> instruments(JsonNode body) throws ExchangeException {
        JsonNode list = JsonFields.arrayBody(checked(body, "contracts"), "gateio contracts");
        Map<UnifiedSymbol, Instrument> out = new LinkedHashMap<>();
        for (JsonNode c : list) {
            if (c.path("in_delisting").asBoolean(false)) {
                continue;
            }
            String status = c.path("status").asText("");
            if (!status.isEmpty() && !"trading".equals(status)) {
                continue;
            }
            String name = JsonFields.requiredText(c, "name", "gateio contract");
            int split = name.lastIndexOf('_');
            if (split <= 0 || split == name.length() - 1) {
                throw ExchangeException.badResponse("gateio contract " + name + ": name is not BASE_QUOTE");
            }
            String quote = name.substring(split + 1);
            if (!SETTLE.equals(quote)) {
                continue;
            }
            double multiplier = Levels.number(c.get("quanto_multiplier"), "gateio contract " + name + " quanto_multiplier");
            if (!(multiplier > 0)) {
                throw ExchangeException.badResponse("gateio contract " + name + ": quanto_multiplier " + multiplier
                        + " is not positive");
            }
            UnifiedSymbol symbol = UnifiedSymbol.perpetual(name.substring(0, split), quote, SETTLE);
            out.putIfAbsent(symbol, new Instrument(symbol, name, multiplier));
        }
        return out;
    }

    /**
     * Funding and mark price from {@code /futures/usdt/contracts}: {@code funding_rate},
     * {@code funding_next_apply} (seconds → ms) and {@code mark_price}.
     */
    public static Map<String, MarketStats> contractStats(JsonNode body) throws ExchangeException {
        JsonNode list = JsonFields.arrayBody(checked(body, "contracts"), "gateio contracts");
        return BulkStats.byId(list, "name", "gateio contract ", (c, what) -> {
            Long next = secondsToMillis(c.get("funding_next_apply"), what + "funding_next_apply");
            return new MarketStats(null, null, null, null,
                    Levels.optionalNumber(c.get("funding_rate"), what + "funding_rate"),
                    next != null && next > 0 ? next : null,
                    Levels.optionalNumber(c.get("mark_price"), what + "mark_price"));
        });
    }

    /**
     * {@code /futures/usdt/tickers} (an array of strings): {@code highest_bid, lowest_ask, last,
     * volume_24h_base}, plus {@code funding_rate} and {@code mark_price}.
     */
    public static Map<String, MarketStats> tickers(JsonNode body) throws ExchangeException {
        JsonNode list = JsonFields.arrayBody(checked(body, "tickers"), "gateio tickers");
        return BulkStats.byId(list, "contract", "gateio ticker ", (t, what) -> new MarketStats(
                Levels.optionalNumber(t.get("highest_bid"), what + "highest_bid"),
                Levels.optionalNumber(t.get("lowest_ask"), what + "lowest_ask"),
                Levels.optionalNumber(t.get("last"), what + "last"),
                Levels.optionalNumber(t.get("volume_24h_base"), what + "volume_24h_base"),
                Levels.optionalNumber(t.get("funding_rate"), what + "funding_rate"),
                null,
                Levels.optionalNumber(t.get("mark_price"), what + "mark_price")));
    }

    /**
     * {@code /futures/usdt/order_book?with_id=true}: levels {@code {"p":"61264.8","s":24909}} with sizes
     * in contracts (× quanto multiplier), {@code current} in float seconds.
     */
    public static Book book(JsonNode body, Instrument instrument) throws ExchangeException {
        String what = "gateio order_book " + instrument.nativeId();
        checked(body, "order_book " + instrument.nativeId());
        if (!body.isObject()) {
            throw ExchangeException.badResponse(what + ": not a JSON object");
        }
        double[][] bids = Levels.parse(JsonFields.requiredArray(body, "bids", what), instrument.contractSize(), true);
        double[][] asks = Levels.parse(JsonFields.requiredArray(body, "asks", what), instrument.contractSize(), false);
        Long time = secondsToMillis(body.get("current"), what + " current");
        if (time == null) {
            throw ExchangeException.badResponse(what + ": missing 'current'");
        }
        Long id = Levels.optionalLong(body.get("id"), what + " id");
        return new Book(bids, asks, time, id == null ? -1 : id);
    }

    /** Seconds (integer or fractional, number or string) → epoch ms, exactly; null when absent. */
    public static Long secondsToMillis(JsonNode node, String field) throws ExchangeException {
        if (node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.textValue().isBlank())) {
            return null;
        }
        try {
            // asText of a double is its shortest decimal form ("1.634350208745E9"), so no binary noise
            BigDecimal seconds = new BigDecimal(node.asText().trim());
            return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw ExchangeException.badResponse(field + " is not a time in seconds: " + node);
        }
    }
}
