package io.marketdata.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code token.refresh_requested}: fetch one mint's metrics now. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenRefreshRequested(String mint, long requestedAt) {
}
