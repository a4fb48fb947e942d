package io.marketdata.orderbook.support;

import io.marketdata.contracts.Json;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.market.MarketDataMessage;
import io.marketdata.contracts.market.OrderBook;
import io.marketdata.contracts.market.Ticker;
import java.util.Locale;
import java.util.Random;

/** Market-data messages for tests: books with hand-checkable bands, and unique test symbols. */
public final class Books {

    private static final Random RANDOM = new Random();

    private Books() {
    }

    /** A symbol no other test (or earlier run) uses: {@code QXKZT/USDT:USDT}. */
    public static UnifiedSymbol uniqueSymbol() {
        StringBuilder base = new StringBuilder("Q");
        for (int i = 0; i < 6; i++) {
            base.append((char) ('A' + RANDOM.nextInt(26)));
        }
        return UnifiedSymbol.of(base + "/USDT:USDT");
    }

    /**
     * Best bid 100 / best ask 101 with one level on each band threshold: bid volumes per depth
     * 4, 7, 8, 9, 11, 12 and ask volumes 3, 4, 5, 6, 7, 8, each side scaled by {@code scale}.
     */
    public static OrderBook reference(double scale, long timestamp) {
        double[][] bids = {{100, 1}, {99, 2}, {98.5, 1}, {97, 3}, {95, 1}, {92, 1}, {85, 2}, {70, 1}, {69.99, 5}};
        double[][] asks = {{101, 1}, {102.515, 2}, {104.03, 1}, {106.05, 1}, {109.08, 1}, {116.15, 1}, {131.3, 1}, {131.31, 9}};
        for (double[] l : bids) {
            l[1] *= scale;
        }
        for (double[] l : asks) {
            l[1] *= scale;
        }
        return new OrderBook(bids, asks, timestamp);
    }

    public static byte[] message(String exchange, UnifiedSymbol symbol, long timestamp, OrderBook book) {
        boolean futures = symbol.isPerpetual();
        MarketDataMessage m = new MarketDataMessage(exchange, symbol.market().wireName(), symbol.toString(), timestamp,
                new Ticker(book.bids().length > 0 ? book.bids()[0][0] : 1, book.asks().length > 0 ? book.asks()[0][0] : 2, 100.5, 1000.0),
                book, futures ? 0.0001 : null, futures ? 1_900_000_000_000L : null, futures ? 100.4 : null, null);
        try {
            return Json.MAPPER.writeValueAsBytes(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String routingKey(String exchange, UnifiedSymbol symbol) {
        return symbol.market().wireName() + "." + exchange.toLowerCase(Locale.ROOT) + "." + symbol.routingSymbol();
    }
}
