package io.marketdata.gateway.push;

import io.marketdata.contracts.MarketType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.UnifiedSymbol;
import java.util.Locale;
import java.util.Optional;

/**
 * The book a {@code /ws/depth/{exchange}/{market}/{symbol}} client follows. The symbol may be the
 * routing form ({@code BTCUSDT}) or the unified one ({@code BTC/USDT:USDT}, URL-encoded in the path).
 */
record DepthTopic(String exchange, MarketType market, String symbol) {

    /** {@code depth.binance.futures.BTCUSDT}. */
    String routingKey() {
        return RoutingKeys.depth(exchange, market, symbol);
    }

    /** The valid topic, or the message explaining what is wrong. */
    static Result parse(String exchange, String market, String symbol) {
        String ex = exchange == null ? "" : exchange.trim().toLowerCase(Locale.ROOT);
        if (!RoutingKeys.FUTURES_EXCHANGES.contains(ex)) {
            return Result.error("unknown exchange '" + exchange + "': expected one of binance, bybit, bitget, htx, gateio");
        }
        MarketType type;
        try {
            type = MarketType.fromWire(market == null ? "" : market.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Result.error("unknown market '" + market + "': expected futures or spot");
        }
        Optional<String> routing = routingSymbol(symbol);
        if (routing.isEmpty()) {
            return Result.error("malformed symbol '" + symbol + "': expected BTCUSDT or BTC/USDT:USDT");
        }
        return new Result(new DepthTopic(ex, type, routing.get()), null);
    }

    private static Optional<String> routingSymbol(String symbol) {
        if (symbol == null) {
            return Optional.empty();
        }
        String s = symbol.trim().toUpperCase(Locale.ROOT);
        if (s.contains("/")) {
            return UnifiedSymbol.parse(s).map(UnifiedSymbol::routingSymbol).filter(RoutingKeys::isRoutingSymbol);
        }
        return RoutingKeys.isRoutingSymbol(s) ? Optional.of(s) : Optional.empty();
    }

    record Result(DepthTopic topic, String error) {
        static Result error(String message) {
            return new Result(null, message);
        }
    }
}
