package io.marketdata.gateway.push;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** {@code /ws/indices}: every live index at once (one snapshot frame), then each {@code index.*} update. */
@WebSocket(path = "/ws/indices")
public class IndicesSocket {

    @Inject
    PushHub hub;
    @Inject
    Snapshots snapshots;

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return hub.open(connection, PushChannel.INDICES, null, snapshots::indices);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        hub.close(connection);
    }
}
