package io.marketdata.emulator.pumpportal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests on a PumpPortal connection, {@code {"method":"subscribeMigration"}} and friends, answered
 * with an acknowledgement frame carrying only {@code message}. The two subscription acks are the
 * live feed's wording; the others are the emulator's. Trade subscriptions ({@code subscribeTokenTrade},
 * {@code subscribeAccountTrade} with {@code keys}) are acknowledged but produce no trades.
 */
final class PumpPortalRequests {

    static final String ACK_MIGRATION = "Subscribed to 'migration' events.";
    static final String ACK_NEW_TOKEN = "Successfully subscribed to token creation events.";

    private final PumpPortalHub hub;
    private final ObjectMapper mapper;

    PumpPortalRequests(PumpPortalHub hub, ObjectMapper mapper) {
        this.hub = hub;
        this.mapper = mapper;
    }

    /** Applies the request to {@code session}; returns the frame to answer with. */
    String handle(PumpPortalSession session, String text) {
        JsonNode request;
        try {
            request = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return PumpPortalFrames.ack("Invalid message: not JSON.");
        }
        JsonNode method = request == null ? null : request.get("method");
        if (method == null || !method.isTextual()) {
            return PumpPortalFrames.ack("Invalid message: expected {\"method\":\"subscribeMigration\"}.");
        }
        return switch (method.asText()) {
            case "subscribeMigration" -> {
                session.subscribeMigrations(hub.nextMigrationIndex());
                yield PumpPortalFrames.ack(ACK_MIGRATION);
            }
            case "unsubscribeMigration" -> {
                session.unsubscribeMigrations();
                yield PumpPortalFrames.ack("Unsubscribed from 'migration' events.");
            }
            case "subscribeNewToken" -> {
                session.subscribeNewTokens(hub.currentCreationSlot());
                yield PumpPortalFrames.ack(ACK_NEW_TOKEN);
            }
            case "unsubscribeNewToken" -> {
                session.unsubscribeNewTokens();
                yield PumpPortalFrames.ack("Unsubscribed from token creation events.");
            }
            case "subscribeTokenTrade", "subscribeAccountTrade" ->
                    PumpPortalFrames.ack("Successfully subscribed to keys.");
            case "unsubscribeTokenTrade", "unsubscribeAccountTrade" -> PumpPortalFrames.ack("Unsubscribed from keys.");
            default -> PumpPortalFrames.ack("Invalid message: unknown method '" + method.asText() + "'.");
        };
    }
}
