package io.marketdata.collector.exchange.binance.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.exchange.ExchangeException;
import io.marketdata.collector.exchange.binance.BinanceFuturesAdapter;
import io.marketdata.collector.exchange.binance.BinanceParser;
import io.marketdata.collector.exchange.binance.BinanceSpotAdapter;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What differs between Binance USD-M futures and spot for live books: the loop (and metrics) name,
 * the sync rule, where the combined stream lives and how the REST snapshot is requested and read.
 */
public enum BinanceMarket {

    /** USD-M: high-frequency streams only on the routed {@code /public} path (mandatory since 2026-04-23). */
    FUTURES("binance", "futures", SyncRule.FUTURES, "/public/stream", "/fapi/v1/depth") {
        @Override
        int snapshotLimit(int depth) {
            return BinanceFuturesAdapter.depthLimitAtMost(depth);
        }

        @Override
        int snapshotWeight(int limit) {
            return BinanceFuturesAdapter.depthWeight(limit);
        }

        @Override
        BinanceParser.Book parseSnapshot(JsonNode body, String nativeId, long receivedAt) throws ExchangeException {
            return BinanceParser.futuresBook(body, nativeId);
        }
    },

    SPOT("binance-spot", "spot", SyncRule.SPOT, "/stream", "/api/v3/depth") {
        @Override
        int snapshotLimit(int depth) {
            return BinanceSpotAdapter.depthLimitAtMost(depth);
        }

        @Override
        int snapshotWeight(int limit) {
            return BinanceSpotAdapter.depthWeight(limit);
        }

        @Override
        BinanceParser.Book parseSnapshot(JsonNode body, String nativeId, long receivedAt) throws ExchangeException {
            return BinanceParser.spotBook(body, nativeId, receivedAt);
        }
    };

    private final String loopName;
    private final String market;
    private final SyncRule rule;
    private final String streamPath;
    private final String depthEndpoint;

    BinanceMarket(String loopName, String market, SyncRule rule, String streamPath, String depthEndpoint) {
        this.loopName = loopName;
        this.market = market;
        this.rule = rule;
        this.streamPath = streamPath;
        this.depthEndpoint = depthEndpoint;
    }

    /** The market of an adapter's {@code market()} ({@code futures} / {@code spot}). */
    public static BinanceMarket of(String market) {
        return "spot".equals(market) ? SPOT : FUTURES;
    }

    /** The collection loop's name, also the {@code exchange} label of metrics: binance, binance-spot. */
    public String loopName() {
        return loopName;
    }

    public String market() {
        return market;
    }

    SyncRule rule() {
        return rule;
    }

    String depthEndpoint() {
        return depthEndpoint;
    }

    /** The deepest snapshot limit the endpoint accepts up to {@code depth}. */
    abstract int snapshotLimit(int depth);

    /** Request weight of a snapshot of {@code limit} levels. */
    abstract int snapshotWeight(int limit);

    abstract BinanceParser.Book parseSnapshot(JsonNode body, String nativeId, long receivedAt) throws ExchangeException;

    /** {@code btcusdt@depth@100ms} (or {@code btcusdt@depth} for the venue's default speed). */
    static String streamName(String nativeId, String updateSpeed) {
        String base = nativeId.toLowerCase(Locale.ROOT) + "@depth";
        return updateSpeed == null || updateSpeed.isBlank() || "default".equalsIgnoreCase(updateSpeed) ? base
                : base + "@" + updateSpeed;
    }

    /** The combined-stream URL of {@code streams} under the configured WebSocket base URL. */
    URI combinedStreamUri(String wsBaseUrl, Collection<String> streams) {
        String base = wsBaseUrl.endsWith("/") ? wsBaseUrl.substring(0, wsBaseUrl.length() - 1) : wsBaseUrl;
        return URI.create(base + streamPath + "?streams=" + streams.stream().sorted().collect(Collectors.joining("/")));
    }
}
