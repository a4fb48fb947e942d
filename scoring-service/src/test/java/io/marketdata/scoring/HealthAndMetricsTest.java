package io.marketdata.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.marketdata.contracts.RoutingKeys;
import io.marketdata.scoring.support.ServiceTest;
import io.marketdata.scoring.support.TestBus;
import io.marketdata.scoring.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/** Readiness (consumer + PostgreSQL) and the Prometheus meters of the service. */
@QuarkusTest
class HealthAndMetricsTest extends ServiceTest {

    @Test
    void readyWithConsumerAndDatabase_andMetersExported() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'scoring' }.data.consumer", equalTo("consuming"))
                .body("checks.find { it.name == 'scoring' }.data.postgresql", equalTo("ok"));

        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        String mint = Tokens.mint();
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(mint, System.currentTimeMillis(), null));
        awaitScore(out, mint);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("scoring_scores_total{data_quality=\"warning\",model=\"hybrid_momentum\",source=\"metrics\"}"))
                .body(containsString("scoring_round_seconds_bucket"))
                .body(containsString("scoring_messages_handled_total "))
                .body(containsString("scoring_messages_dead_lettered_total"))
                .body(containsString("scoring_messages_retried_total"))
                .body(containsString("scoring_outbox_pending"))
                .body(containsString("scoring_settings_version"));
    }
}
