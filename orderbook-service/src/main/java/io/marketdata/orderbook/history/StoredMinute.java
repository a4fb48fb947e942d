package io.marketdata.orderbook.history;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A stored minute of one series as the API reads it — from PostgreSQL ({@code minute_bands}) or from the
 * Redis sorted sets, where it is the member JSON (score = {@code time}). Arrays are indexed like
 * {@code Depths.PERCENT}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoredMinute(
        long time,
        int samples,
        double mid,
        double[] bidVolume,
        double[] askVolume,
        double[] bidValue,
        double[] askValue,
        double[] avgBidValue,
        double[] avgAskValue) {

    public static StoredMinute of(MinutePoint p) {
        return new StoredMinute(p.minuteMs(), p.samples(), p.mid(), p.bidVolume(), p.askVolume(), p.bidValue(),
                p.askValue(), p.avgBidValue(), p.avgAskValue());
    }
}
