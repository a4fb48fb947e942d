package io.marketdata.scoring.api;

import java.util.Map;

/**
 * An HTTP error answered as JSON by {@link ApiExceptionMapper}: {@code {"error": message, "field": name}}
 * for one bad parameter, or {@code {"error": message, "fields": {name: message}}} for several.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String field;
    private final Map<String, String> fields;

    public ApiException(int status, String message, String field, Map<String, String> fields) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.fields = fields;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, message, field, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message, null, null);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public Map<String, String> fields() {
        return fields;
    }
}
