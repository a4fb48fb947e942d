package io.marketdata.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.messaging.settings.SettingsFollower;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.lifecycle.settings.LifecycleSettings;
import io.marketdata.lifecycle.support.BusTest;
import io.marketdata.lifecycle.support.Scenario;
import io.marketdata.lifecycle.support.TestClock;
import io.marketdata.lifecycle.support.Msg;
import io.marketdata.lifecycle.support.TestSettings;
import io.marketdata.lifecycle.support.StoredTokens;
import io.marketdata.lifecycle.tokens.TokenView;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A settings.updated on the bus changes the thresholds of the running service. */
@QuarkusTest
class SettingsChangeTest extends BusTest {

    @Inject
    LifecycleSettings settings;
    @Inject
    StoredTokens queries;
    @Inject
    TestClock clock;

    @AfterEach
    void restoreDefaults() {
        TestSettings.defaults(settings.follower());
    }

    private TokenView applied(String mint, TokenMetrics m) {
        bus.publish(RoutingKeys.TOKEN_METRICS, m);
        return await().atMost(Duration.ofSeconds(20)).until(() -> queries.find(mint).orElse(null),
                t -> t != null && t.metricsAt() != null && t.metricsAt() == m.fetchedAt());
    }

    @Test
    void aLowerMinTxCountFromTheBusAppliesWithoutRestart() {
        SettingsFollower follower = settings.follower();
        TestSettings.defaults(follower);
        await().atMost(Duration.ofSeconds(20)).until(settings::listening);

        String mint = Scenario.create(bus, clock, queries);
        assertEquals("monitoring", applied(mint, Msg.metrics(mint, 60, Msg.tradeable(600))).status(), "60 < 300");

        PipelineSettings lower = PipelineSettings.defaults().merge(Map.of("min_tx_count", 50),
                List.of(PipelineSettings.defaults().scoringModel())).orElseThrow();
        long version = follower.current().version() + 1;
        byte[] body = Msg.bytes(Msg.settings(version, lower));
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.SETTINGS_UPDATED, body));
        bus.publish(RoutingKeys.SETTINGS_UPDATED, body, "settings-" + version);
        await().atMost(Duration.ofSeconds(20)).until(() -> follower.current().version() == version);
        assertEquals(50, settings.current().minTxCount());
        assertEquals(SettingsFollower.Source.BUS, follower.current().source());

        TokenView t = applied(mint, Msg.metrics(mint, 60, Msg.tradeable(600)));
        assertEquals("active", t.status());
        assertEquals("activation", bus.awaitStatusEvent(mint, e -> e.newStatus().equals("active")).statusChanged().reason());
    }
}
