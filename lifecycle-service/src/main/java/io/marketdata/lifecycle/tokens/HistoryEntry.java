package io.marketdata.lifecycle.tokens;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One row of the status history; {@code old_status} is null for the creation. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HistoryEntry(long id, String mint, String oldStatus, String newStatus, String reason, long changedAt) {
}
