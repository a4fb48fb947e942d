package io.marketdata.contracts;

/**
 * Names of every exchange, queue and routing key on the bus. Producers and consumers declare
 * them with identical arguments (all durable), so either side can start first.
 */
public final class Topology {

    private Topology() {
    }

    /** Topic exchange for normalized market data: {@code futures.<exchange>.<SYMBOL>}, {@code spot.<exchange>.<SYMBOL>}. */
    public static final String MARKET_DATA_EXCHANGE = "futures_data";
    /** Topic exchange for token lifecycle and scoring events. */
    public static final String TOKEN_EVENTS_EXCHANGE = "token_events";
    /** Topic exchange for depth bands and indices. */
    public static final String ANALYTICS_EXCHANGE = "market_analytics";

    /** Durable queue the collector consumes control commands from. */
    public static final String CONTROL_QUEUE = "futures_collector_control";
    /** Topic exchange the collector publishes control responses to: {@code control.response.<command>}. */
    public static final String CONTROL_RESPONSES_EXCHANGE = "futures_collector_responses";

    /**
     * lifecycle-service's consuming queue on {@link #TOKEN_EVENTS_EXCHANGE} and its bindings. Producers
     * of these keys (the collector for {@code token.created}) declare it too, identically, so a
     * message published before the consumer's first start is kept.
     */
    public static final String LIFECYCLE_TOKEN_EVENTS_QUEUE = "lifecycle.token_events";
    public static final java.util.List<String> LIFECYCLE_TOKEN_EVENTS_BINDINGS = java.util.List.of(
            RoutingKeys.TOKEN_CREATED, RoutingKeys.TOKEN_METRICS, RoutingKeys.SCORE_UPDATED);
    /** scoring-service's consuming queue on {@link #TOKEN_EVENTS_EXCHANGE} and its bindings. */
    public static final String SCORING_TOKEN_EVENTS_QUEUE = "scoring.token_events";
    public static final java.util.List<String> SCORING_TOKEN_EVENTS_BINDINGS = java.util.List.of(
            RoutingKeys.TOKEN_METRICS, RoutingKeys.TOKEN_STATUS_CHANGED);

    /** Direct exchange every consuming queue dead-letters into; routing key = the queue's name. */
    public static final String DEAD_LETTER_EXCHANGE = "dead_letters";
    /** Header carrying why a message was dead-lettered. */
    public static final String DEAD_LETTER_REASON_HEADER = "x-dead-letter-reason";
    /** Header of a dead letter: the routing key the message originally had. */
    public static final String ORIGINAL_ROUTING_KEY_HEADER = "x-original-routing-key";
    /** Header of a dead letter: the queue it was consumed from. */
    public static final String ORIGINAL_QUEUE_HEADER = "x-original-queue";

    /**
     * Header of a control request: epoch milliseconds after which the caller no longer waits for
     * the answer (its timeout). The collector drops a request received after that, logged and
     * counted; the AMQP {@code expiration} property is set to the same timeout so the broker drops
     * it while it is still queued.
     */
    public static final String CONTROL_EXPIRES_AT_HEADER = "x-expires-at";

    /** AMQP header carrying the version of the body's schema. */
    public static final String SCHEMA_VERSION_HEADER = "schema_version";
    public static final String CONTENT_TYPE = "application/json";

    public static String controlResponseKey(String command) {
        return "control.response." + command;
    }

    /** Response key of a request whose command could not be read (not JSON, no command field). */
    public static final String CONTROL_RESPONSE_UNREADABLE_KEY = "control.response.unknown";
    /**
     * Response key of a request whose command is not a known command (unknown, over-long): the name
     * is never put in a routing key, which AMQP limits to 255 bytes.
     */
    public static final String CONTROL_RESPONSE_INVALID_KEY = "control.response.invalid";

    /** The dead-letter queue of a consuming queue. */
    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }
}
