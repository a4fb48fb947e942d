package io.marketdata.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** {@code settings.updated}: the complete new settings, so every replica reloads without a lookup. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SettingsUpdated(long version, Map<String, Object> settings, long updatedAt) {
}
