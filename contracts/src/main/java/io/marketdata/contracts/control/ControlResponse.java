package io.marketdata.contracts.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * A response on {@code futures_collector_responses} ({@code control.response.<command>}) and, when
 * the request had {@code reply_to}, on that queue. {@code timestamp} is in epoch seconds.
 * {@code data} is present on success, {@code error} (a {@link ControlError} code) on failure.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) String correlationId,
        boolean success,
        @JsonInclude(JsonInclude.Include.ALWAYS) String command,
        String message,
        Map<String, Object> data,
        String error,
        long timestamp) {

    public static final int SCHEMA_VERSION = 1;

    public static ControlResponse ok(String correlationId, String command, String message, Map<String, Object> data,
            long epochSeconds) {
        return new ControlResponse(correlationId, true, command, message, data, null, epochSeconds);
    }

    public static ControlResponse failure(String correlationId, String command, ControlError error, String message,
            long epochSeconds) {
        return new ControlResponse(correlationId, false, command, message, null, error.code(), epochSeconds);
    }
}
