package io.marketdata.emulator.binance.stream;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;

/** Spot raw stream: {@code /binance-spot/ws/<stream>}, event frames as they are. */
@WebSocket(path = "/binance-spot/ws/{stream}")
public class SpotRawStreamSocket {

    @Inject
    StreamHub hub;

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return hub.open(connection, StreamVenue.SPOT, false,
                List.of(StreamNames.fromPath(connection.pathParam("stream"))));
    }

    @OnTextMessage
    public Uni<Void> request(WebSocketConnection connection, String text) {
        return hub.request(connection, text);
    }

    @OnClose
    public Uni<Void> close(WebSocketConnection connection) {
        hub.close(connection);
        return Uni.createFrom().voidItem();
    }
}
