package io.marketdata.emulator.binance.stream;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;

/** USD-M futures raw connection without a stream in the URL: streams come from SUBSCRIBE requests. */
@WebSocket(path = "/binance-futures/public/ws")
public class FuturesStreamSocket {

    @Inject
    StreamHub hub;

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return hub.open(connection, StreamVenue.FUTURES, false, List.of());
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
