package io.marketdata.scoring.health;

import io.marketdata.messaging.settings.SettingsFollower;
import io.marketdata.scoring.bus.EventOutbox;
import io.marketdata.scoring.consume.TokenEventsConsumer;
import io.marketdata.scoring.settings.ActiveSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the consumer is attached to its queue, PostgreSQL answers (a {@code SELECT 1} through a
 * Hibernate Reactive session, 2 s at most) and the settings were loaded from it. The outbox relay and the
 * settings follower are reported (they recover on their own and do not lose anything while down). The
 * schema's own check is {@code database-schema} ({@link io.marketdata.messaging.SchemaReadiness}).
 */
@Readiness
@ApplicationScoped
public class ScoringReadiness implements AsyncHealthCheck {

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    @Inject
    TokenEventsConsumer consumer;
    @Inject
    EventOutbox outbox;
    @Inject
    ActiveSettings settings;

    @Override
    public Uni<HealthCheckResponse> call() {
        return database().map(db -> {
            boolean consuming = consumer.consuming();
            boolean loaded = settings.loaded();
            SettingsFollower follower = settings.follower();
            return HealthCheckResponse.named("scoring")
                    .status(consuming && db.equals("ok") && loaded)
                    .withData("consumer", consumer.enabled() ? (consuming ? "consuming" : "down") : "disabled")
                    .withData("postgresql", db)
                    .withData("settings", loaded ? "loaded" : "not loaded yet")
                    .withData("outbox", outbox.healthy() ? "ok" : "failing, retrying")
                    .withData("outbox_pending", outbox.pending())
                    .withData("settings_version", settings.current().version())
                    .withData("settings_follower", follower == null ? "not started"
                            : settings.listening() ? "listening" : "reconnecting")
                    .build();
        });
    }

    private Uni<String> database() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("SELECT 1").getSingleResult()))
                .ifNoItem().after(PING_TIMEOUT).fail()
                .map(one -> "ok")
                .onFailure().recoverWithItem(e -> "unavailable: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()));
    }
}
