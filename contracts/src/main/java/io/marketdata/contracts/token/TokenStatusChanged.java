package io.marketdata.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code token.status_changed}: statuses are {@code monitoring}, {@code active}, {@code archived}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenStatusChanged(String mint, String oldStatus, String newStatus, String reason, long changedAt) {
}
