package io.marketdata.lifecycle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.marketdata.cli.AmqpSettings;
import io.marketdata.lifecycle.config.LifecycleConfig;
import io.marketdata.lifecycle.support.TestBus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code lifecycle.consumer.enabled=false} still switches consuming off: it disables the
 * {@code token-events} channel ({@code mp.messaging.incoming.token-events.enabled}), so the service
 * starts, serves its API and stays ready, with no consumer on the queue.
 */
@QuarkusTest
@TestProfile(ConsumerDisabledTest.Disabled.class)
class ConsumerDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifecycle.consumer.enabled", "false");
        }
    }

    @Inject
    LifecycleConfig config;

    @Test
    void theChannelIsNotAttachedAndReadinessSaysDisabled() throws Exception {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'token-events-consumer' }.data.consumer", equalTo("disabled"));
        try (Connection connection = new AmqpSettings("localhost", 5672, "guest", "guest", TestBus.VHOST)
                .open("lifecycle-tests/disabled")) {
            Channel channel = connection.createChannel();
            try {
                // declared by earlier test classes or builds: passive, no side effect
                assertEquals(0, channel.queueDeclarePassive(config.consumer().queue()).getConsumerCount());
            } catch (IOException notFound) {
                // a fresh broker: an attached channel would have declared the queue at start
                ShutdownSignalException cause = (ShutdownSignalException) notFound.getCause();
                assertEquals(404, ((AMQP.Channel.Close) cause.getReason()).getReplyCode(), cause.getMessage());
            }
        }
        given().when().get("/api/tokens/stats").then().statusCode(200);
    }
}
