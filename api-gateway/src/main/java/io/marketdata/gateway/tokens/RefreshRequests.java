package io.marketdata.gateway.tokens;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.amqp.AmqpSettings;
import io.marketdata.contracts.token.TokenRefreshRequested;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Publishes {@code token.refresh_requested} (SPEC §4.3; the gateway is its producer) persistent and
 * publisher-confirmed, so a 202 means the broker has it. The connection is opened on first use and
 * re-opened after a failure; requests are rare (an operator's click), so one channel, synchronized.
 */
@ApplicationScoped
public class RefreshRequests {

    private static final long CONFIRM_TIMEOUT_MS = 5_000;

    private Connection connection;
    private Channel channel;

    /** @return the message's correlation id */
    public synchronized String publish(String mint, String requestId) throws IOException, TimeoutException, InterruptedException {
        TokenRefreshRequested message = new TokenRefreshRequested(mint, System.currentTimeMillis());
        String correlationId = requestId == null ? UUID.randomUUID().toString() : requestId;
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType(Topology.CONTENT_TYPE).deliveryMode(2)
                .messageId(UUID.randomUUID().toString()).correlationId(correlationId)
                .timestamp(new Date(message.requestedAt())).appId("api-gateway")
                .headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION)).build();
        try {
            Channel ch = channel();
            ch.basicPublish(Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_REFRESH_REQUESTED, props, Json.toBytes(message));
            ch.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
            return correlationId;
        } catch (IOException | TimeoutException | RuntimeException e) {
            close(); // next request starts over with a fresh connection
            throw e;
        }
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel == null || !channel.isOpen()) {
            close();
            connection = AmqpSettings.fromConfig().open("api-gateway/refresh", false);
            channel = connection.createChannel();
            channel.exchangeDeclare(Topology.TOKEN_EVENTS_EXCHANGE, "topic", true);
            channel.confirmSelect();
        }
        return channel;
    }

    @PreDestroy
    synchronized void close() {
        try {
            if (connection != null && connection.isOpen()) {
                connection.close(2_000);
            }
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
        connection = null;
        channel = null;
    }
}
