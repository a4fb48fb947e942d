package io.marketdata.lifecycle.health;

import io.marketdata.messaging.settings.SettingsFollower;
import io.marketdata.lifecycle.outbox.OutboxRelay;
import io.marketdata.lifecycle.settings.LifecycleSettings;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The background parts that do not stop the service from taking messages: the outbox relay
 * (events wait in PostgreSQL while it fails) and the settings follower (the last known settings
 * stay in force while it is disconnected). Reported under {@code /q/health/well}.
 */
@Wellness
@ApplicationScoped
public class BackgroundWellness implements HealthCheck {

    @Inject
    OutboxRelay outbox;
    @Inject
    LifecycleSettings settings;

    @Override
    public HealthCheckResponse call() {
        SettingsFollower follower = settings.follower();
        SettingsFollower.Versioned current = follower.current();
        return HealthCheckResponse.named("lifecycle-background")
                .status(outbox.healthy() && settings.listening())
                .withData("outbox", outbox.healthy() ? "relaying" : "failing, retrying")
                .withData("outbox_pending", outbox.pending())
                .withData("outbox_published", outbox.published())
                .withData("settings_listening", settings.listening())
                .withData("settings_loaded_from_owner", follower.loaded())
                .withData("settings_version", current.version())
                .withData("settings_source", current.source().name().toLowerCase())
                .build();
    }
}
