package io.marketdata.messaging.settings;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.contracts.token.SettingsUpdated;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SettingsFollower against a stand-in owner API; bus messages are fed as the services' settings-updated channels do. */
class SettingsFollowerTest {

    private final AtomicReference<byte[]> ownerAnswer = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicInteger ownerRequests = new java.util.concurrent.atomic.AtomicInteger();
    private HttpServer owner;

    @BeforeEach
    void startOwner() throws Exception {
        owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.createContext("/api/settings", exchange -> {
            ownerRequests.incrementAndGet();
            byte[] body = ownerAnswer.get();
            exchange.sendResponseHeaders(body == null ? 503 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        owner.start();
    }

    @AfterEach
    void stopOwner() {
        owner.stop(0);
    }

    @Test
    void loadsTheOwnersVersionThenFollowsTheBusForwardOnly() throws Exception {
        List<SettingsFollower.Versioned> applied = new CopyOnWriteArrayList<>();
        URI ownerUri = URI.create("http://127.0.0.1:" + owner.getAddress().getPort() + "/api/settings");
        try (SettingsFollower follower = new SettingsFollower(ownerUri, applied::add)) {
            follower.start();
            assertEquals(0, follower.current().version(), "defaults until the owner answers");
            assertEquals(PipelineSettings.defaults(), follower.settings());

            Thread.sleep(300); // the owner answers 503 first: the follower keeps the defaults and retries
            assertFalse(follower.loaded());
            ownerAnswer.set(update(3, Map.of("w_vol", 0.4, "w_tx", 0.1)));
            await().atMost(Duration.ofSeconds(15)).until(follower::loaded);
            assertEquals(3, follower.current().version());
            assertEquals(SettingsFollower.Source.OWNER, follower.current().source());
            assertEquals(0.4, follower.settings().wVol());

            // a settings.updated is a notification: the follower loads what the owner stored
            ownerAnswer.set(update(4, Map.of("ewma_alpha", 0.5, "scoring_model", "some_future_model")));
            follower.onBusMessage(update(4, Map.of("ewma_alpha", 0.5, "scoring_model", "some_future_model")));
            await().atMost(Duration.ofSeconds(10)).until(() -> follower.current().version() == 4);
            assertEquals(0.5, follower.settings().ewmaAlpha());
            assertEquals("some_future_model", follower.settings().scoringModel(), "model names are the owner's to check");
            assertEquals(SettingsFollower.Source.OWNER, follower.current().source());

            // a stray message the owner never stored changes nothing
            int requestsBefore = ownerRequests.get();
            follower.onBusMessage(update(99, Map.of("ewma_alpha", 0.9)));
            await().atMost(Duration.ofSeconds(10)).until(() -> ownerRequests.get() > requestsBefore);
            assertEquals(4, follower.current().version());
            assertEquals(0.5, follower.settings().ewmaAlpha());

            // owner unreachable: the message's own content is applied, if it is valid and newer
            owner.stop(0);
            follower.onBusMessage(update(3, Map.of("ewma_alpha", 0.9)));                // older: ignored
            follower.onBusMessage("not json".getBytes(StandardCharsets.UTF_8));        // unreadable: rejected
            follower.onBusMessage(update(6, Map.of("ewma_alpha", 1.5)));               // invalid: rejected
            follower.onBusMessage(update(5, Map.of("ewma_alpha", 0.6)));
            await().atMost(Duration.ofSeconds(20)).until(() -> follower.current().version() == 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> follower.rejected() == 2);
            assertEquals(0.6, follower.settings().ewmaAlpha());
            assertEquals(SettingsFollower.Source.BUS, follower.current().source());
            assertEquals(List.of(3L, 4L, 5L), applied.stream().map(SettingsFollower.Versioned::version).toList());

            assertFalse(follower.offer(5, PipelineSettings.defaults(), SettingsFollower.Source.LOCAL));
            assertTrue(follower.offer(7, PipelineSettings.defaults(), SettingsFollower.Source.LOCAL));
            assertEquals(7, follower.current().version());
        }
    }

    private static byte[] update(long version, Map<String, Object> changes) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>(PipelineSettings.defaults().toMap());
        settings.putAll(changes);
        return Json.toBytes(new SettingsUpdated(version, settings, 1_730_000_000_000L));
    }

}
