package io.marketdata.orderbook.consume;

import io.marketdata.orderbook.bands.BandCalculator;
import io.marketdata.orderbook.bands.Bands;
import io.marketdata.orderbook.book.BookBounds;
import io.marketdata.orderbook.book.BookMessage;
import io.marketdata.orderbook.book.BookMessageDecoder;
import io.marketdata.orderbook.book.InvalidMessageException;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.history.Checkpoint;
import io.marketdata.orderbook.history.MinuteAggregator;
import io.marketdata.orderbook.history.OpenMinute;
import io.marketdata.orderbook.history.SeriesKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * What happens to each market-data message: decode, check the book, compute bands and DIFF, fold it
 * into its minute, and remember it as the book's latest. Deliveries are acknowledged only once a
 * {@link Checkpoint} holding their effect is committed, so nothing acknowledged can be lost.
 * One consumer thread calls {@link #handle}; the checkpoint timer cuts under the same lock.
 */
@ApplicationScoped
public class BookPipeline {

    /** What became of one delivery. */
    public enum Outcome { APPLIED, LATE, DUPLICATE }

    @Inject
    OrderbookConfig config;
    @Inject
    MeterRegistry registry;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private BookMessageDecoder decoder;
    private BookBounds bounds;
    private final BookMessage message = new BookMessage();
    private final Bands bands = new Bands();
    private final Map<String, SeriesKey> seriesByBook = new ConcurrentHashMap<>();
    private final Map<String, LatestBook> latest = new ConcurrentHashMap<>();
    private final Map<String, Boolean> changed = new ConcurrentHashMap<>();
    private MinuteAggregator minutes;
    private LongSupplier clock = System::currentTimeMillis;
    private int topLevels;

    private long pendingTag;
    private Object pendingChannel;
    private int pendingMessages;

    private Counter applied;
    private Counter late;
    private Counter duplicate;

    @PostConstruct
    void init() {
        minutes = new MinuteAggregator(config.history().closeGrace().toMillis());
        topLevels = config.publish().topLevels();
        bounds = BookBounds.of(config.validation());
        decoder = new BookMessageDecoder(bounds);
        applied = counter("applied", "Books analysed and folded into their minute");
        late = counter("late", "Books of a minute already closed (ignored)");
        duplicate = counter("duplicate", "Books not newer than the last one counted in their minute (redeliveries, ignored)");
        for (String reason : new String[] {InvalidMessageException.NOT_JSON, InvalidMessageException.SCHEMA,
            InvalidMessageException.EMPTY, InvalidMessageException.CROSSED, InvalidMessageException.UNSORTED,
            InvalidMessageException.PRICE_BOUND, InvalidMessageException.SIZE_BOUND, InvalidMessageException.NOTIONAL_BOUND,
            InvalidMessageException.TOO_OLD, InvalidMessageException.IN_FUTURE, InvalidMessageException.NON_FINITE}) {
            rejected(reason);
        }
    }

    private Counter counter(String outcome, String description) {
        return Counter.builder("orderbook_books_total").tag("outcome", outcome).description(description).register(registry);
    }

    private Counter rejected(String reason) {
        return rejected.computeIfAbsent(reason, r -> Counter.builder("orderbook_books_rejected_total").tag("reason", r)
                .description("Messages rejected and dead-lettered, by reason").register(registry));
    }

    /** Uses another clock for minute closing (tests). */
    void useClock(LongSupplier clock) {
        this.clock = clock;
    }

    /** Continues the minutes checkpointed before a restart. */
    public void restore(Collection<OpenMinute> open) {
        lock.lock();
        try {
            minutes.restore(open);
            for (OpenMinute m : open) {
                seriesByBook.put(m.series.id(), m.series);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Handles one delivery. Throws (and counts) {@link InvalidMessageException} for a message that can
     * never be analysed: the caller dead-letters it and calls {@link #settle}; otherwise the delivery
     * joins the next checkpoint.
     */
    public Outcome handle(byte[] body, String correlationId, long deliveryTag, Object channel)
            throws InvalidMessageException {
        lock.lock();
        try {
            Outcome outcome = analyse(body, correlationId);
            settle(deliveryTag, channel);
            return outcome;
        } catch (InvalidMessageException e) {
            rejected(e.reason()).increment();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** Lets the next checkpoint acknowledge a delivery that needs nothing written (a dead-lettered one). */
    public void settle(long deliveryTag, Object channel) {
        lock.lock();
        try {
            pendingTag = deliveryTag;
            pendingChannel = channel;
            pendingMessages++;
        } finally {
            lock.unlock();
        }
    }

    private Outcome analyse(byte[] body, String correlationId) throws InvalidMessageException {
        BookMessage m = message;
        decoder.decode(body, m);
        bounds.checkTimes(m, clock.getAsLong());
        if (m.bidCount == 0 || m.askCount == 0) {
            throw new InvalidMessageException(InvalidMessageException.EMPTY, "orderbook: "
                    + (m.bidCount == 0 ? "no bids" : "no asks"));
        }
        if (!sorted(m)) {
            throw new InvalidMessageException(InvalidMessageException.UNSORTED,
                    "orderbook: bids must be strictly descending and asks strictly ascending");
        }
        if (m.bidPx[0] >= m.askPx[0]) {
            throw new InvalidMessageException(InvalidMessageException.CROSSED,
                    "orderbook: crossed, best bid " + m.bidPx[0] + " ≥ best ask " + m.askPx[0]);
        }
        BandCalculator.compute(m.bidPx, m.bidQty, m.bidCount, m.askPx, m.askQty, m.askCount, bands);
        if (!bands.isFinite()) {
            // unreachable within the bounds; the last guard before a sum, a row or an API answer
            throw new InvalidMessageException(InvalidMessageException.NON_FINITE, "orderbook: bands are not finite");
        }
        String id = m.bookKey();
        SeriesKey series = seriesByBook.get(id);
        if (series == null || !series.unified().equals(m.symbol)) {
            series = new SeriesKey(m.exchange, m.market.wireName(), m.routingSymbol, m.symbol);
            seriesByBook.put(id, series);
        }
        MinuteAggregator.Outcome folded = minutes.accept(series, id, m.timestamp, bands);
        if (folded == MinuteAggregator.Outcome.LATE) {
            // older than what is already stored or shown: neither the minute nor the latest changes
            late.increment();
            return Outcome.LATE;
        }
        if (folded == MinuteAggregator.Outcome.DUPLICATE) {
            duplicate.increment();
            return Outcome.DUPLICATE;
        }
        applied.increment();
        latest.put(id, new LatestBook(series, m.timestamp, m.bookTimestamp, bands.copy(),
                top(m.bidPx, m.bidQty, m.bidCount), top(m.askPx, m.askQty, m.askCount), m.bidCount, m.askCount,
                correlationId));
        changed.put(id, Boolean.TRUE);
        return Outcome.APPLIED;
    }

    private static boolean sorted(BookMessage m) {
        for (int i = 1; i < m.bidCount; i++) {
            if (m.bidPx[i] >= m.bidPx[i - 1]) {
                return false;
            }
        }
        for (int i = 1; i < m.askCount; i++) {
            if (m.askPx[i] <= m.askPx[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private double[][] top(double[] px, double[] qty, int count) {
        int n = Math.min(count, topLevels);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[] {px[i], qty[i]};
        }
        return out;
    }

    /** Messages handled since the last checkpoint. */
    public int pendingMessages() {
        return pendingMessages;
    }

    /**
     * Cuts a checkpoint: closes minutes the clock has ended, and takes everything changed since the
     * last cut together with the delivery tag up to which it covers.
     */
    public Checkpoint cut() {
        lock.lock();
        try {
            minutes.closeExpired(clock.getAsLong());
            // no new deliveries → nothing to acknowledge (acknowledging a tag twice closes the channel)
            Checkpoint c = new Checkpoint(minutes.drainClosed(), minutes.drainDirty(), minutes.drainExpired(),
                    pendingMessages > 0 ? pendingTag : 0, pendingChannel, pendingMessages);
            pendingMessages = 0;
            return c;
        } finally {
            lock.unlock();
        }
    }

    /** Latest analysed book per book id ({@code binance:futures:BTCUSDT}). */
    public Map<String, LatestBook> latest() {
        return latest;
    }

    /** Book ids whose latest changed since they were last taken by the publisher; the caller removes what it took. */
    public Map<String, Boolean> changed() {
        return changed;
    }

    public int openMinutes() {
        lock.lock();
        try {
            return minutes.openCount();
        } finally {
            lock.unlock();
        }
    }
}
