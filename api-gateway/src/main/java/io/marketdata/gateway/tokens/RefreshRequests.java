package io.marketdata.gateway.tokens;

import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.token.TokenRefreshRequested;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Publishes {@code token.refresh_requested} (SPEC §4.3; the gateway is its producer) on the
 * {@code token-refresh} channel: persistent, publisher-confirmed, so a 202 means the broker has it.
 * The message's ack completes on the broker's confirm; a nack, or no confirm within
 * {@link #CONFIRM_TIMEOUT_MS} (broker down: the connector holds the message until it reconnects),
 * fails the call and the route answers 503.
 */
@ApplicationScoped
public class RefreshRequests {

    static final long CONFIRM_TIMEOUT_MS = 5_000;

    @Inject
    @Channel("token-refresh")
    Emitter<byte[]> emitter;

    /** Waits for the broker's confirm; @return the message's correlation id */
    public String publish(String mint, String requestId) throws Exception {
        TokenRefreshRequested message = new TokenRefreshRequested(mint, System.currentTimeMillis());
        String correlationId = requestId == null ? UUID.randomUUID().toString() : requestId;
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(RoutingKeys.TOKEN_REFRESH_REQUESTED)
                .withContentType(Topology.CONTENT_TYPE).withDeliveryMode(2)
                .withMessageId(UUID.randomUUID().toString()).withCorrelationId(correlationId)
                .withTimestamp(Instant.ofEpochMilli(message.requestedAt()).atZone(ZoneOffset.UTC)).withAppId("api-gateway")
                .withHeader(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION).build();
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        emitter.send(Message.of(Json.toBytes(message), Metadata.of(metadata), () -> settle(confirmed, null),
                error -> settle(confirmed, error)));
        confirmed.get(CONFIRM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        return correlationId;
    }

    private static CompletionStage<Void> settle(CompletableFuture<Void> confirmed, Throwable error) {
        if (error == null) {
            confirmed.complete(null);
        } else {
            confirmed.completeExceptionally(error);
        }
        return CompletableFuture.completedFuture(null);
    }
}
