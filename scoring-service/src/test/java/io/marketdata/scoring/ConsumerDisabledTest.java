package io.marketdata.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.marketdata.contracts.RoutingKeys;
import io.marketdata.scoring.support.ServiceTest;
import io.marketdata.scoring.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code scoring.consumer.enabled=false}: the token-events channel is not created; the service still starts and is ready. */
@QuarkusTest
@TestProfile(ConsumerDisabledTest.Disabled.class)
class ConsumerDisabledTest extends ServiceTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scoring.consumer.enabled", "false");
        }
    }

    @Test
    void noConsumerOnTheQueue_readinessSaysDisabled_andMessagesWait() {
        assertFalse(consumer.enabled());
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'scoring' }.data.consumer", equalTo("disabled"));
        // the meters exist even without the channel
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("scoring_messages_handled_total"))
                .body(containsString("scoring_outbox_pending"));

        long handledBefore = consumer.handled();
        String mint = Tokens.mint();
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.steady(mint, System.currentTimeMillis(), null));
        await().atMost(WAIT).until(() -> bus.queueState(QUEUE).getConsumerCount() == 0
                && bus.queueState(QUEUE).getMessageCount() >= 1);
        assertEquals(handledBefore, consumer.handled());
        // the message is left for an enabled replica (the other test classes consume it)
    }
}
