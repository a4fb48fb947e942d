package io.marketdata.collector.publish;

/**
 * A message waiting in the publish buffer. Its id and timestamp are fixed when it is buffered, so a
 * batch re-sent after an outage carries the same {@code message_id} and consumers can deduplicate.
 */
public record OutboundMessage(Destination destination, String routingKey, String messageId, String correlationId,
        long timestampMillis, byte[] body) {

    /** The outgoing channel a message leaves on; each channel publishes to one exchange. */
    public enum Destination {
        /** {@code futures_data}: {@code futures.<exchange>.<SYMBOL>}, {@code spot.…}. */
        MARKET_DATA,
        /** {@code token_events}: DexScreener's {@code token.metrics}. */
        TOKEN_EVENTS
    }
}
