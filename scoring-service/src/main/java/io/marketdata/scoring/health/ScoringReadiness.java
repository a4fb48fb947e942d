package io.marketdata.scoring.health;

import io.agroal.api.AgroalDataSource;
import io.marketdata.messaging.settings.SettingsFollower;
import io.marketdata.scoring.bus.EventOutbox;
import io.marketdata.scoring.consume.TokenEventsConsumer;
import io.marketdata.scoring.settings.ActiveSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the consumer is attached to its queue and PostgreSQL answers. The outbox relay and the
 * settings follower are reported (they recover on their own and do not lose anything while down).
 */
@Readiness
@ApplicationScoped
public class ScoringReadiness implements HealthCheck {

    @Inject
    TokenEventsConsumer consumer;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    EventOutbox outbox;
    @Inject
    ActiveSettings settings;

    @Override
    public HealthCheckResponse call() {
        boolean consuming = consumer.consuming();
        String db = database();
        SettingsFollower follower = settings.follower();
        return HealthCheckResponse.named("scoring")
                .status(consuming && db.equals("ok"))
                .withData("consumer", consumer.enabled() ? (consuming ? "consuming" : "down") : "disabled")
                .withData("postgresql", db)
                .withData("outbox", outbox.healthy() ? "ok" : "failing, retrying")
                .withData("outbox_pending", outbox.pending())
                .withData("settings_version", settings.current().version())
                .withData("settings_follower", follower == null ? "not started"
                        : settings.listening() ? "listening" : "reconnecting")
                .build();
    }

    private String database() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2) ? "ok" : "not answering";
        } catch (Exception e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
