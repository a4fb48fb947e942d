package io.marketdata.orderbook.history;

import io.marketdata.orderbook.bands.Bands;
import io.marketdata.orderbook.bands.Depths;

/**
 * The minute a series is currently in: running sums for the averages and the latest book. Kept in
 * memory, and checkpointed to PostgreSQL ({@code open_minutes}) so a restart continues it instead of
 * storing the minute twice or losing its first part.
 */
public final class OpenMinute {

    public final SeriesKey series;
    public long minuteMs;
    public int samples;
    /** Timestamp of the last book counted: the natural key that makes a redelivered book a duplicate. */
    public long lastTimestampMs;
    public final double[] sumBidValue = new double[Depths.COUNT];
    public final double[] sumAskValue = new double[Depths.COUNT];
    public Bands close = new Bands();
    /** Changed since the last checkpoint. */
    boolean dirty;

    public OpenMinute(SeriesKey series, long minuteMs) {
        this.series = series;
        this.minuteMs = minuteMs;
    }

    void add(long timestampMs, Bands bands) {
        samples++;
        lastTimestampMs = timestampMs;
        for (int i = 0; i < Depths.COUNT; i++) {
            sumBidValue[i] += bands.bidValue[i];
            sumAskValue[i] += bands.askValue[i];
        }
        Bands c = close;
        System.arraycopy(bands.bidVolume, 0, c.bidVolume, 0, Depths.COUNT);
        System.arraycopy(bands.askVolume, 0, c.askVolume, 0, Depths.COUNT);
        System.arraycopy(bands.bidValue, 0, c.bidValue, 0, Depths.COUNT);
        System.arraycopy(bands.askValue, 0, c.askValue, 0, Depths.COUNT);
        c.bestBid = bands.bestBid;
        c.bestAsk = bands.bestAsk;
        dirty = true;
    }

    MinutePoint toPoint() {
        double[] avgBid = new double[Depths.COUNT];
        double[] avgAsk = new double[Depths.COUNT];
        for (int i = 0; i < Depths.COUNT; i++) {
            avgBid[i] = sumBidValue[i] / samples;
            avgAsk[i] = sumAskValue[i] / samples;
        }
        return new MinutePoint(series, minuteMs, samples, close.mid(), close.bidVolume.clone(), close.askVolume.clone(),
                close.bidValue.clone(), close.askValue.clone(), avgBid, avgAsk);
    }

    OpenMinute copy() {
        OpenMinute c = new OpenMinute(series, minuteMs);
        c.samples = samples;
        c.lastTimestampMs = lastTimestampMs;
        System.arraycopy(sumBidValue, 0, c.sumBidValue, 0, Depths.COUNT);
        System.arraycopy(sumAskValue, 0, c.sumAskValue, 0, Depths.COUNT);
        c.close = close.copy();
        return c;
    }
}
