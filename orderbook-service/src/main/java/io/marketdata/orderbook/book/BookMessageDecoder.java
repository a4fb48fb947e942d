package io.marketdata.orderbook.book;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.marketdata.contracts.MarketType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.UnifiedSymbol;
import java.io.IOException;

/**
 * Decodes a {@code futures_data} body straight from bytes into a {@link BookMessage} with Jackson's
 * streaming parser — no tree, no boxing — while enforcing every rule of
 * {@code market-data.schema.json} (required fields, types, enums, the symbol pattern, positive
 * prices/sizes, [price, size] pairs, epoch-ms minimums, nullable funding fields). The test suite
 * checks that whatever the schema rejects, this rejects too; running the generic validator on every
 * book would cost more than the analytics themselves.
 */
public final class BookMessageDecoder {

    private static final long MIN_EPOCH_MS = 1_000_000_000_000L;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private static final int EXCHANGE = 1;
    private static final int MARKET = 1 << 1;
    private static final int SYMBOL = 1 << 2;
    private static final int TIMESTAMP = 1 << 3;
    private static final int TICKER = 1 << 4;
    private static final int ORDERBOOK = 1 << 5;
    private static final int FUNDING_RATE = 1 << 6;
    private static final int NEXT_FUNDING = 1 << 7;
    private static final int MARK_PRICE = 1 << 8;
    private static final int ALL = (1 << 9) - 1;
    private static final String[] NAMES = {"exchange", "market", "symbol", "timestamp", "ticker", "orderbook",
        "funding_rate", "next_funding_time", "mark_price"};

    private final BookBounds bounds;

    public BookMessageDecoder() {
        this(BookBounds.DEFAULTS);
    }

    public BookMessageDecoder(BookBounds bounds) {
        this.bounds = bounds;
    }

    /** Decodes {@code body} into {@code out} (reused), or throws with the first rule it breaks. */
    public void decode(byte[] body, BookMessage out) throws InvalidMessageException {
        out.reset();
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidMessageException(InvalidMessageException.NOT_JSON, "body is not a JSON object");
            }
            int seen = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "exchange" -> {
                        String v = string(p, t, name);
                        if (!RoutingKeys.FUTURES_EXCHANGES.contains(v)) {
                            throw new InvalidMessageException("exchange: unknown exchange '" + v + "'");
                        }
                        out.exchange = v;
                        seen |= EXCHANGE;
                    }
                    case "market" -> {
                        String v = string(p, t, name);
                        if (!"futures".equals(v) && !"spot".equals(v)) {
                            throw new InvalidMessageException("market: must be futures or spot, not '" + v + "'");
                        }
                        out.market = MarketType.fromWire(v);
                        seen |= MARKET;
                    }
                    case "symbol" -> {
                        String v = string(p, t, name);
                        UnifiedSymbol s = UnifiedSymbol.parse(v).filter(u -> u.toString().equals(v))
                                .orElseThrow(() -> new InvalidMessageException("symbol: malformed '" + v + "'"));
                        out.symbol = v;
                        out.routingSymbol = s.routingSymbol();
                        seen |= SYMBOL;
                    }
                    case "timestamp" -> {
                        out.timestamp = epochMs(p, t, name);
                        seen |= TIMESTAMP;
                    }
                    case "ticker" -> {
                        ticker(p, t);
                        seen |= TICKER;
                    }
                    case "orderbook" -> {
                        orderbook(p, t, out);
                        seen |= ORDERBOOK;
                    }
                    case "funding_rate" -> {
                        if (t != JsonToken.VALUE_NULL) {
                            number(p, t, name);
                        }
                        seen |= FUNDING_RATE;
                    }
                    case "next_funding_time" -> {
                        if (t != JsonToken.VALUE_NULL) {
                            epochMs(p, t, name);
                        }
                        seen |= NEXT_FUNDING;
                    }
                    case "mark_price" -> {
                        if (t != JsonToken.VALUE_NULL) {
                            bounds.checkPrice(name, positive(p, t, name));
                        }
                        seen |= MARK_PRICE;
                    }
                    case "extra" -> {
                        if (t != JsonToken.VALUE_NULL && t != JsonToken.START_OBJECT) {
                            throw new InvalidMessageException("extra: must be an object or null");
                        }
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            if (seen != ALL) {
                throw new InvalidMessageException("missing required field '" + firstMissing(seen) + "'");
            }
            if (p.nextToken() != null) {
                throw new InvalidMessageException("trailing content after the JSON object");
            }
            if (out.market == MarketType.FUTURES != out.symbol.contains(":")) {
                throw new InvalidMessageException("symbol: '" + out.symbol + "' is not a " + out.market.wireName() + " symbol");
            }
        } catch (IOException e) {
            throw new InvalidMessageException(InvalidMessageException.NOT_JSON, "not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private void ticker(JsonParser p, JsonToken t) throws IOException, InvalidMessageException {
        if (t != JsonToken.START_OBJECT) {
            throw new InvalidMessageException("ticker: must be an object");
        }
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "bid" -> {
                    bounds.checkPrice("ticker.bid", positive(p, v, "ticker.bid"));
                    seen |= 1;
                }
                case "ask" -> {
                    bounds.checkPrice("ticker.ask", positive(p, v, "ticker.ask"));
                    seen |= 2;
                }
                case "last" -> {
                    bounds.checkPrice("ticker.last", positive(p, v, "ticker.last"));
                    seen |= 4;
                }
                case "volume_24h" -> {
                    if (v != JsonToken.VALUE_NULL && number(p, v, "ticker.volume_24h") < 0) {
                        throw new InvalidMessageException("ticker.volume_24h: must be ≥ 0");
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (seen != 7) {
            throw new InvalidMessageException("ticker: missing " + ((seen & 1) == 0 ? "bid" : (seen & 2) == 0 ? "ask" : "last"));
        }
    }

    private void orderbook(JsonParser p, JsonToken t, BookMessage out) throws IOException, InvalidMessageException {
        if (t != JsonToken.START_OBJECT) {
            throw new InvalidMessageException("orderbook: must be an object");
        }
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "bids" -> {
                    levels(p, v, out, true);
                    seen |= 1;
                }
                case "asks" -> {
                    levels(p, v, out, false);
                    seen |= 2;
                }
                case "timestamp" -> {
                    out.bookTimestamp = epochMs(p, v, "orderbook.timestamp");
                    seen |= 4;
                }
                default -> p.skipChildren();
            }
        }
        if (seen != 7) {
            throw new InvalidMessageException("orderbook: missing " + ((seen & 1) == 0 ? "bids" : (seen & 2) == 0 ? "asks" : "timestamp"));
        }
    }

    private void levels(JsonParser p, JsonToken t, BookMessage out, boolean bids)
            throws IOException, InvalidMessageException {
        String side = bids ? "orderbook.bids" : "orderbook.asks";
        if (t != JsonToken.START_ARRAY) {
            throw new InvalidMessageException(side + ": must be an array");
        }
        JsonToken level;
        while ((level = p.nextToken()) != JsonToken.END_ARRAY) {
            if (level != JsonToken.START_ARRAY) {
                throw new InvalidMessageException(side + ": each level must be a [price, size] array");
            }
            // field names are built only when a value is wrong: this loop runs for every level
            double price = level(p, p.nextToken(), bids, "price");
            double size = level(p, p.nextToken(), bids, "size");
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new InvalidMessageException(side + ": each level must have exactly 2 items");
            }
            if (price > bounds.maxPrice() || size > bounds.maxSize() || price * size > bounds.maxNotional()) {
                bounds.checkLevel(side, price, size);
            }
            if (bids) {
                out.addBid(price, size);
            } else {
                out.addAsk(price, size);
            }
        }
    }

    private static double level(JsonParser p, JsonToken t, boolean bids, String what)
            throws IOException, InvalidMessageException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            double v = p.getDoubleValue();
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        }
        return positive(p, t, (bids ? "orderbook.bids " : "orderbook.asks ") + what);
    }

    private static String string(JsonParser p, JsonToken t, String name) throws IOException, InvalidMessageException {
        if (t != JsonToken.VALUE_STRING) {
            throw new InvalidMessageException(name + ": must be a string");
        }
        return p.getText();
    }

    private static double number(JsonParser p, JsonToken t, String name) throws IOException, InvalidMessageException {
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidMessageException(name + ": must be a number");
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw new InvalidMessageException(name + ": must be finite");
        }
        return v;
    }

    private static double positive(JsonParser p, JsonToken t, String name) throws IOException, InvalidMessageException {
        double v = number(p, t, name);
        if (!(v > 0)) {
            throw new InvalidMessageException(name + ": must be > 0, got " + v);
        }
        return v;
    }

    private static long epochMs(JsonParser p, JsonToken t, String name) throws IOException, InvalidMessageException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidMessageException(name + ": must be an integer (epoch ms)");
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new InvalidMessageException(name + ": out of range");
        }
        long v = p.getLongValue();
        if (v < MIN_EPOCH_MS) {
            throw new InvalidMessageException(name + ": must be epoch milliseconds (≥ 10^12), got " + v);
        }
        return v;
    }

    private static String firstMissing(int seen) {
        for (int i = 0; i < NAMES.length; i++) {
            if ((seen & (1 << i)) == 0) {
                return NAMES[i];
            }
        }
        return "?";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
