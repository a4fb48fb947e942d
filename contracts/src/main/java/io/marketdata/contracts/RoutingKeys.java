package io.marketdata.contracts;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Builds and checks routing keys of every exchange on the bus. */
public final class RoutingKeys {

    public static final Set<String> FUTURES_EXCHANGES = Set.of("binance", "bybit", "bitget", "htx", "gateio");
    private static final Pattern ROUTING_SYMBOL = Pattern.compile("^[A-Z0-9]{3,30}$");

    public static final String TOKEN_CREATED = "token.created";
    public static final String TOKEN_METRICS = "token.metrics";
    public static final String TOKEN_STATUS_CHANGED = "token.status_changed";
    public static final String SCORE_UPDATED = "score.updated";
    public static final String TOKEN_REFRESH_REQUESTED = "token.refresh_requested";
    public static final String SETTINGS_UPDATED = "settings.updated";

    private RoutingKeys() {
    }

    /** {@code futures.binance.BTCUSDT} or {@code spot.binance.BTCUSDT}. */
    public static String marketData(String exchange, UnifiedSymbol symbol) {
        return symbol.market().wireName() + "." + exchange.toLowerCase(Locale.ROOT) + "." + symbol.routingSymbol();
    }

    /** {@code depth.binance.futures.BTCUSDT}. */
    public static String depth(String exchange, MarketType market, String routingSymbol) {
        return "depth." + exchange + "." + market.wireName() + "." + routingSymbol;
    }

    /** {@code index.TOTAL2}. */
    public static String index(String name) {
        return "index." + name;
    }

    public static boolean isRoutingSymbol(String value) {
        return value != null && ROUTING_SYMBOL.matcher(value).matches();
    }
}
