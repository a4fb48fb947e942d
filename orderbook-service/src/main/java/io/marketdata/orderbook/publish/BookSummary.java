package io.marketdata.orderbook.publish;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.marketdata.contracts.analytics.DepthBand;
import io.marketdata.contracts.analytics.DepthUpdate;
import io.marketdata.orderbook.bands.Bands;
import io.marketdata.orderbook.bands.Depths;
import io.marketdata.orderbook.consume.LatestBook;
import java.util.ArrayList;
import java.util.List;

/**
 * The current state of one book as the API and the hot cache show it: the {@code depth.*} body plus
 * the top levels per side and the depth of the book it was computed from.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BookSummary(
        String exchange,
        String market,
        String symbol,
        long timestamp,
        long bookTimestamp,
        double bestBid,
        double bestAsk,
        double mid,
        double spread,
        double spreadBps,
        List<DepthBand> bands,
        double[][] bids,
        double[][] asks,
        int bidLevels,
        int askLevels) {

    public static BookSummary of(LatestBook b) {
        Bands x = b.bands();
        return new BookSummary(b.series().exchange(), b.series().market(), b.series().unified(), b.timestamp(),
                b.bookTimestamp(), x.bestBid, x.bestAsk, x.mid(), x.spread(), x.spread() / x.mid() * 10_000,
                bands(x), b.topBids(), b.topAsks(), b.bidLevels(), b.askLevels());
    }

    public static List<DepthBand> bands(Bands x) {
        List<DepthBand> out = new ArrayList<>(Depths.COUNT);
        for (int i = 0; i < Depths.COUNT; i++) {
            out.add(new DepthBand(Depths.PERCENT[i], x.bidVolume[i], x.askVolume[i], x.bidValue[i], x.askValue[i],
                    x.diff(i), x.percentage(i)));
        }
        return out;
    }

    public DepthUpdate toMessage() {
        return new DepthUpdate(exchange, market, symbol, timestamp, bestBid, bestAsk, mid, spread, bands);
    }
}
