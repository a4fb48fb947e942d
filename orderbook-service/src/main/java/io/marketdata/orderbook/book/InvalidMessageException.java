package io.marketdata.orderbook.book;

/** A market-data body that is not JSON or breaks its schema; the message goes to the dead-letter queue. */
public final class InvalidMessageException extends Exception {

    public InvalidMessageException(String reason) {
        super(reason, null, false, false);
    }
}
