package io.marketdata.emulator.binance.stream;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** USD-M futures combined streams: {@code /binance-futures/public/stream?streams=a/b}, frames {@code {"stream":…,"data":…}}. */
@WebSocket(path = "/binance-futures/public/stream")
public class FuturesCombinedStreamSocket {

    @Inject
    StreamHub hub;

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return hub.open(connection, StreamVenue.FUTURES, true,
                StreamNames.fromQuery(connection.handshakeRequest().query()));
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
