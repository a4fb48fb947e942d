package io.marketdata.orderbook.history;

import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Everything the messages handled since the previous checkpoint changed durably: minutes closed,
 * open minutes to continue after a restart, open minutes the clock closed, and index points. Once it
 * is committed, the {@code deliveries} it covers (the connector's messages, empty for index points)
 * are acknowledged.
 */
public record Checkpoint(
        List<MinutePoint> closed,
        List<OpenMinute> open,
        List<SeriesKey> expired,
        List<Message<?>> deliveries,
        int messages) {

    public boolean isEmpty() {
        return closed.isEmpty() && open.isEmpty() && expired.isEmpty() && messages == 0;
    }
}
