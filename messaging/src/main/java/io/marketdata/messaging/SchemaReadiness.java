package io.marketdata.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN until {@link SchemaMigration} has migrated the schema, with what its last attempt did. */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements HealthCheck {

    @Inject
    SchemaMigration migration;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("database-schema").status(migration.migrated())
                .withData("migration", migration.state()).build();
    }
}
