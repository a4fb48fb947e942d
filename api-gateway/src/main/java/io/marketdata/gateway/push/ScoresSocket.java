package io.marketdata.gateway.push;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/**
 * {@code /ws/scores}: the latest score per mint at once (one snapshot frame), then each
 * {@code score.updated} and {@code token.status_changed}.
 */
@WebSocket(path = "/ws/scores")
public class ScoresSocket {

    @Inject
    PushHub hub;
    @Inject
    Snapshots snapshots;

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return hub.open(connection, PushChannel.SCORES, null, () -> snapshots.scores("ws-" + connection.id()));
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        hub.close(connection);
    }
}
