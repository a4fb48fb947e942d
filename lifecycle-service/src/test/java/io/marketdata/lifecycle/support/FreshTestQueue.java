package io.marketdata.lifecycle.support;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.marketdata.cli.AmqpSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.util.Map;

/**
 * Empties the service's durable test queue before the application starts: on a shared vhost it
 * collects every token event published while no lifecycle test ran (other modules' tests, the
 * system tests), and the service would otherwise consume that backlog in the middle of a test.
 */
public class FreshTestQueue implements QuarkusTestResourceLifecycleManager {

    static final String QUEUE = "lifecycle.token_events.test";

    @Override
    public Map<String, String> start() {
        try (Connection connection = new AmqpSettings("localhost", 5672, "guest", "guest", TestBus.VHOST)
                .open("lifecycle-tests/purge")) {
            Channel channel = connection.createChannel();
            try {
                channel.queuePurge(QUEUE);
            } catch (IOException notDeclaredYet) {
                // first run on this broker: the service declares it
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach RabbitMQ to empty " + QUEUE, e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
