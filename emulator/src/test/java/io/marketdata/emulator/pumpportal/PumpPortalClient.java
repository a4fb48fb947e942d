package io.marketdata.emulator.pumpportal;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.emulator.TestSupport;
import io.marketdata.emulator.TestWebSocket;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A PumpPortal feed client: frames are queued as text (injected malformed frames are not JSON). */
final class PumpPortalClient extends TestWebSocket {

    static final String PATH = "/pumpportal/api/data";

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

    private PumpPortalClient() {
    }

    static PumpPortalClient connect(URI base) {
        PumpPortalClient client = new PumpPortalClient();
        client.open(base, PATH);
        return client;
    }

    /** Connects and subscribes with {@code method}; returns the client once the ack arrived. */
    static PumpPortalClient subscribed(URI base, String method) {
        PumpPortalClient client = connect(base);
        client.request("{\"method\":\"" + method + "\"}");
        return client;
    }

    @Override
    protected void onFrame(String text) {
        frames.add(text);
    }

    /** Sends a request and returns the acknowledgement that answers it. */
    JsonNode request(String json) {
        send(json);
        return nextJson();
    }

    /** The next frame, as sent. */
    String next() {
        return poll(frames, "frame");
    }

    JsonNode nextJson() {
        return TestSupport.parse(next());
    }

    /** Frames received and not yet taken, without waiting. */
    int pending() {
        return frames.size();
    }
}
