package io.marketdata.lifecycle.api;

/** An HTTP error, answered as JSON {@code {"error", "field"?, "status"}} by {@link ApiExceptionMapper}. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String field;

    public ApiException(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message);
    }

    public static ApiException notFound(String field, String message) {
        return new ApiException(404, field, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
