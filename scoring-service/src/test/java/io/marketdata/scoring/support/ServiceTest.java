package io.marketdata.scoring.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.scoring.consume.TokenEventsConsumer;
import io.marketdata.scoring.settings.ActiveSettings;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the service tests: the running service (one Quarkus application for every test class)
 * over the real broker (vhost {@code marketdata_test}) and PostgreSQL ({@code marketdata_test}).
 * Each test starts from the default settings and uses its own random mints.
 */
public abstract class ServiceTest {

    /** The service's queue in the test profile. */
    public static final String QUEUE = "scoring.token_events.test";
    public static final Duration WAIT = Duration.ofSeconds(30);

    protected static TestBus bus;
    private static boolean purged;

    @Inject
    protected TokenEventsConsumer consumer;
    @Inject
    protected ActiveSettings activeSettings;

    @BeforeAll
    static void connect() {
        bus = new TestBus();
        if (!purged) {
            // the test queue is this service's own: drop what other modules' tests published into the
            // shared vhost while it was not running, so this run's messages do not wait behind them
            bus.purge(QUEUE);
            purged = true;
        }
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    /** The consumer attaches and the settings load in the background; the settings are the defaults. */
    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consuming() && activeSettings.loaded());
        restoreDefaultSettings();
    }

    /** PUTs every default setting (a no-op when they already are the defaults). */
    protected void restoreDefaultSettings() {
        given().contentType("application/json").body(Json.toBytes(PipelineSettings.defaults().toMap()))
                .when().put("/api/settings").then().statusCode(200);
        assertEquals(PipelineSettings.defaults(), activeSettings.settings());
    }

    /** The next {@code score.updated} of this mint, checked against its schema. */
    protected static JsonNode awaitScore(BlockingQueue<TestBus.Received> messages, String mint) {
        TestBus.Received r = TestBus.await(messages, TestBus.scoreOf(mint), WAIT);
        assertNotNull(r, "no score.updated for " + mint);
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.SCORE_UPDATED, r.body()));
        assertEquals("application/json", r.properties().getContentType());
        assertNotNull(r.properties().getMessageId());
        return r.json();
    }
}
