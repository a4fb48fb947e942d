package io.marketdata.orderbook.cache;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.marketdata.orderbook.history.MinutePoint;

/** A minute point as kept in the Redis sorted sets (member JSON; score = {@code time}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecentPoint(
        long time,
        int samples,
        double mid,
        double[] bidVolume,
        double[] askVolume,
        double[] bidValue,
        double[] askValue,
        double[] avgBidValue,
        double[] avgAskValue) {

    public static RecentPoint of(MinutePoint p) {
        return new RecentPoint(p.minuteMs(), p.samples(), p.mid(), p.bidVolume(), p.askVolume(), p.bidValue(),
                p.askValue(), p.avgBidValue(), p.avgAskValue());
    }
}
