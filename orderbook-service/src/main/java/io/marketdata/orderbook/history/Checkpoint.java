package io.marketdata.orderbook.history;

import java.util.List;

/**
 * Everything the messages handled since the previous checkpoint changed durably: minutes closed,
 * open minutes to continue after a restart, open minutes the clock closed, and index points. Once it
 * is committed, deliveries up to {@code deliveryTag} on {@code channel} (0: none) are acknowledged.
 */
public record Checkpoint(
        List<MinutePoint> closed,
        List<OpenMinute> open,
        List<SeriesKey> expired,
        long deliveryTag,
        Object channel,
        int messages) {

    public boolean isEmpty() {
        return closed.isEmpty() && open.isEmpty() && expired.isEmpty() && messages == 0;
    }
}
