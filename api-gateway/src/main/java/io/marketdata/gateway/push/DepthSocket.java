package io.marketdata.gateway.push;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/**
 * {@code /ws/depth/{exchange}/{market}/{symbol}}: the book's latest {@code depth.*} body at once,
 * then each update. A bad exchange, market or symbol gets one error frame and close code 1008.
 */
@WebSocket(path = "/ws/depth/{exchange}/{market}/{symbol}")
public class DepthSocket {

    @Inject
    PushHub hub;
    @Inject
    Snapshots snapshots;

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        DepthTopic.Result parsed = DepthTopic.parse(connection.pathParam("exchange"), connection.pathParam("market"),
                connection.pathParam("symbol"));
        if (parsed.error() != null) {
            return hub.reject(connection, PushChannel.DEPTH, parsed.error());
        }
        DepthTopic topic = parsed.topic();
        return hub.open(connection, PushChannel.DEPTH, topic.routingKey(), () -> snapshots.depth(topic));
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        hub.close(connection);
    }
}
