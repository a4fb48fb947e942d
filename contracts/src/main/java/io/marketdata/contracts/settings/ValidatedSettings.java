package io.marketdata.contracts.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of building or changing settings: either valid settings, or field-level errors
 * (snake_case setting name → message) that an HTTP API can return as they are.
 *
 * @param settings the settings when valid, otherwise null
 * @param errors   empty when valid
 */
public record ValidatedSettings(PipelineSettings settings, Map<String, String> errors) {

    public ValidatedSettings {
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        if ((settings == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("exactly one of settings and errors must be present");
        }
    }

    public static ValidatedSettings valid(PipelineSettings settings) {
        return new ValidatedSettings(Objects.requireNonNull(settings), Map.of());
    }

    public static ValidatedSettings invalid(Map<String, String> errors) {
        return new ValidatedSettings(null, errors);
    }

    public boolean isValid() {
        return settings != null;
    }

    /** The settings; {@link IllegalStateException} listing the errors when invalid. */
    public PipelineSettings orElseThrow() {
        if (settings == null) {
            throw new IllegalStateException("invalid settings: " + errors);
        }
        return settings;
    }
}
