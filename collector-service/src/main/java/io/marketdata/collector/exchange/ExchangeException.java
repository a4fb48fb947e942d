package io.marketdata.collector.exchange;

/** A venue call that failed after its retries, or a response that cannot be understood. */
public class ExchangeException extends Exception {

    private final boolean retryable;

    public ExchangeException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ExchangeException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** A response that parsed but is not what the venue documents (missing field, error code in the body). */
    public static ExchangeException badResponse(String message) {
        return new ExchangeException(message, false);
    }

    public boolean retryable() {
        return retryable;
    }
}
