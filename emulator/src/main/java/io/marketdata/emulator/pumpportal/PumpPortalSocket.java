package io.marketdata.emulator.pumpportal;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** PumpPortal's data API ({@code wss://pumpportal.fun/api/data}): subscribe with {@code {"method":…}} frames. */
@WebSocket(path = "/pumpportal/api/data")
public class PumpPortalSocket {

    @Inject
    PumpPortalHub hub;

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return hub.open(connection);
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
