package io.marketdata.orderbook.book;

/**
 * A market-data message that can never be analysed: not JSON, against its schema, an impossible book
 * (empty side, crossed, unsorted) or outside the plausibility bounds. It goes to the dead-letter
 * queue with {@link #getMessage()} as its reason and is counted under {@link #reason()}.
 */
public final class InvalidMessageException extends Exception {

    /** Counter tag values of {@code orderbook_books_rejected_total{reason}}. */
    public static final String NOT_JSON = "not_json";
    public static final String SCHEMA = "schema";
    public static final String EMPTY = "empty";
    public static final String CROSSED = "crossed";
    public static final String UNSORTED = "unsorted";
    public static final String PRICE_BOUND = "price_bound";
    public static final String SIZE_BOUND = "size_bound";
    public static final String NOTIONAL_BOUND = "notional_bound";
    public static final String TOO_OLD = "too_old";
    public static final String IN_FUTURE = "in_future";
    public static final String NON_FINITE = "non_finite";

    private final String reason;

    public InvalidMessageException(String detail) {
        this(SCHEMA, detail);
    }

    public InvalidMessageException(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** A short, bounded category for metrics; the message is the human-readable detail. */
    public String reason() {
        return reason;
    }
}
