package io.marketdata.emulator.binance.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.emulator.TestSupport;
import io.marketdata.emulator.TestWebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A Binance stream client: frames carrying an {@code id} (request answers) and events are queued separately. */
final class StreamClient extends TestWebSocket {

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();

    private StreamClient() {
    }

    /** Connects to {@code path} (with query) on the server behind {@code base}. */
    static StreamClient connect(URI base, String path) {
        StreamClient client = new StreamClient();
        client.open(base, path);
        return client;
    }

    @Override
    protected void onFrame(String text) {
        JsonNode frame = TestSupport.parse(text);
        (frame.has("id") ? replies : events).add(frame);
    }

    /** Sends a request and returns its answer ({"result":…} or {"error":…}). */
    JsonNode request(String json) {
        send(json);
        return poll(replies, "an answer to " + json);
    }

    /** The next event frame (an event, or {"stream":…,"data":…} on combined connections). */
    JsonNode nextEvent() {
        return poll(events, "an event");
    }

    /** Events received and not yet taken, without waiting. */
    List<JsonNode> drainEvents() {
        List<JsonNode> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }
}
