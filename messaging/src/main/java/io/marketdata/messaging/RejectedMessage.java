package io.marketdata.messaging;

/**
 * Thrown by a {@link Deliveries.Handler} for a message that can never be handled (not JSON, schema
 * violation, impossible values): it goes to the dead-letter queue with this reason.
 */
public class RejectedMessage extends Exception {

    public RejectedMessage(String reason) {
        super(reason);
    }
}
