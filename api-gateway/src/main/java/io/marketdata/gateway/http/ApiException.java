package io.marketdata.gateway.http;

/** An error answered as JSON {@code {error, message, field?, status, request_id}}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;

    public ApiException(int status, String error, String message, String field) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "bad_request", message, field);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }
}
