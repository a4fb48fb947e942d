package io.marketdata.collector.exchange.binance.live;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Apply rate of the collector's Binance local book (the live diff-depth feed): nanoseconds per
 * level change, so 10^9 / score = level updates per second. The benchmark sits in the book's
 * package because {@link LocalBook} is package-private.
 *
 * <p>The input is a deterministic simulation of BTCUSDT USD-M futures at {@code @depth@100ms}: a REST
 * snapshot of 1,000 levels per side (tick 0.1, 1–3 ticks apart, lots of 0.001) and then
 * {@value #EVENTS} {@code depthUpdate} events of {@value #CHANGES} level changes each, chained by
 * their update ids ({@code pu} = previous {@code u}). Each change hits a level at an exponentially
 * distributed distance from the touch (mean 25 levels): 70 % a new size for an existing level, 30 %
 * a deletion (size 0) or a new level in a gap between two levels, whichever keeps the side at 1,000
 * levels.
 * {@code sides} puts the changes on both sides at random, or all on one side: the book keeps each
 * side ascending by price, so a level inserted or deleted near the best ask shifts the whole ask
 * array, near the best bid only its end.
 *
 * <p>Per invocation a fresh book is loaded from the snapshot (outside the measurement) and the
 * events are applied through:
 * <ul>
 *   <li>{@code localBookApply}: {@code LocalBook.apply}, the level updates alone;</li>
 *   <li>{@code bookSyncOnEvent}: {@code BookSync.onEvent}, as the feed calls it (continuity check + apply);</li>
 *   <li>{@code parseAndApply}: {@code DepthFrames.parse} of the combined-stream text frame, then
 *       {@code BookSync.onEvent}: the feed's whole per-frame work after the WebSocket.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class LocalBookBenchmark {

    static final int SNAPSHOT_LEVELS = 1000;
    static final int EVENTS = 5000;
    static final int CHANGES = 40;
    static final long FIRST_UPDATE_ID = 7_000_000_000L;
    /** Best bid 65,000.0 and best ask 65,000.1, in ticks of 0.1. */
    static final long BEST_BID_TICKS = 650_000;

    public enum Sides { BOTH, BIDS, ASKS }

    @Param({"BOTH", "BIDS", "ASKS"})
    Sides sides;

    double[][] snapshotBids;
    double[][] snapshotAsks;
    long snapshotUpdateId;
    /** Event 0 joins the stream to the snapshot (applied in setup); 1..EVENTS are measured. */
    DepthEvent[] events;
    String[] frames;

    LocalBook book;
    BookSync sync;

    @Setup(Level.Trial)
    public void generate() throws Exception {
        Random rnd = new Random(42);
        NavigableMap<Long, Long> bids = new TreeMap<>();
        NavigableMap<Long, Long> asks = new TreeMap<>();
        long bid = BEST_BID_TICKS;
        long ask = BEST_BID_TICKS + 1;
        for (int i = 0; i < SNAPSHOT_LEVELS; i++) {
            bids.put(bid, lots(rnd));
            asks.put(ask, lots(rnd));
            bid -= 1 + rnd.nextInt(3);
            ask += 1 + rnd.nextInt(3);
        }
        snapshotBids = levels(bids);
        snapshotAsks = levels(asks);

        events = new DepthEvent[EVENTS + 1];
        frames = new String[EVENTS + 1];
        long previousFinal = FIRST_UPDATE_ID - 1;
        long time = 1_730_107_603_100L;
        int[] kinds = new int[3];
        for (int e = 0; e <= EVENTS; e++) {
            Map<Long, Long> bidChanges = new TreeMap<>();
            Map<Long, Long> askChanges = new TreeMap<>();
            int made = 0;
            while (made < CHANGES) {
                boolean onBids = switch (sides) {
                    case BOTH -> rnd.nextBoolean();
                    case BIDS -> true;
                    case ASKS -> false;
                };
                if (change(onBids ? bids : asks, onBids ? asks : bids, onBids, onBids ? bidChanges : askChanges, rnd,
                        kinds)) {
                    made++;
                }
            }
            long first = previousFinal + 1;
            long last = first + 1 + rnd.nextInt(20);
            events[e] = new DepthEvent("BTCUSDT", time, first, last, previousFinal, levels(bidChanges), levels(askChanges));
            frames[e] = frame(events[e], bidChanges, askChanges);
            previousFinal = last;
            time += 100;
        }
        // the snapshot's lastUpdateId falls inside event 0, as Binance's procedure requires
        snapshotUpdateId = events[0].firstUpdateId();

        // the inputs must be what the feed accepts, and the book must end where the model ended
        setUpBook();
        for (int e = 1; e <= EVENTS; e++) {
            if (sync.onEvent(DepthFrames.parse(frames[e])) != BookSync.Outcome.APPLIED) {
                throw new IllegalStateException("event " + e + " was not applied");
            }
        }
        double[][] expectedBids = levels(bids.descendingMap());
        double[][] actualBids = sync.bids(Integer.MAX_VALUE);
        double[][] actualAsks = sync.asks(Integer.MAX_VALUE);
        if (actualBids.length != bids.size() || actualAsks.length != asks.size()
                || actualBids[0][0] != expectedBids[0][0] || actualBids[0][1] != expectedBids[0][1]
                || actualAsks[actualAsks.length - 1][0] != levels(asks)[asks.size() - 1][0]) {
            throw new IllegalStateException("the local book does not match the simulated one");
        }
        System.out.printf("%n[setup] sides %s: %d events × %d changes (updates %d, deletions %d, insertions %d);"
                + " book after them: %d bids, %d asks; mean frame %d chars%n", sides, EVENTS, CHANGES, kinds[0], kinds[1],
                kinds[2], bids.size(), asks.size(), meanLength(frames));
    }

    /** A fresh book (and sync state) with the snapshot loaded and event 0 applied. */
    @Setup(Level.Invocation)
    public void setUpBook() {
        book = new LocalBook();
        book.load(snapshotBids, snapshotAsks);
        book.apply(events[0]);
        sync = new BookSync(SyncRule.FUTURES, 1000);
        sync.onEvent(events[0]);
        if (sync.onSnapshot(snapshotUpdateId, snapshotBids, snapshotAsks) != BookSync.Outcome.SYNCED) {
            throw new IllegalStateException("the snapshot does not line up with event 0");
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS * CHANGES)
    public LocalBook localBookApply() {
        for (int e = 1; e <= EVENTS; e++) {
            book.apply(events[e]);
        }
        return book;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS * CHANGES)
    public BookSync bookSyncOnEvent() {
        for (int e = 1; e <= EVENTS; e++) {
            sync.onEvent(events[e]);
        }
        return sync;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS * CHANGES)
    public BookSync parseAndApply() throws Exception {
        for (int e = 1; e <= EVENTS; e++) {
            sync.onEvent(DepthFrames.parse(frames[e]));
        }
        return sync;
    }

    /**
     * One level change on {@code side} (the other side only bounds an improving price), unless it
     * would touch a price this event already changed; kinds[0..2] count updates, deletions and
     * insertions. An insertion goes into the first gap of more than one tick at or after the chosen
     * level (past the deepest level if there is none).
     */
    private static boolean change(NavigableMap<Long, Long> side, NavigableMap<Long, Long> other, boolean bids,
            Map<Long, Long> changes, Random rnd, int[] kinds) {
        int index = (int) Math.min(side.size() - 1, Math.floor(-Math.log(1 - rnd.nextDouble()) * 25));
        Iterator<Long> fromTouch = (bids ? side.descendingKeySet() : side.navigableKeySet()).iterator();
        long price = fromTouch.next();
        for (int i = 0; i < index; i++) {
            price = fromTouch.next();
        }
        if (rnd.nextDouble() < 0.70) {
            return record(side, changes, price, lots(rnd), kinds, 0);
        }
        // deletions and insertions alternate around the snapshot's depth, so the side keeps its size
        if (side.size() > SNAPSHOT_LEVELS) {
            return record(side, changes, price, 0, kinds, 1);
        }
        if (index == 0 && rnd.nextBoolean()) {
            // a better price, if it stays inside the spread
            long better = bids ? price + 1 : price - 1;
            if (bids ? better < other.firstKey() : better > other.lastKey()) {
                return record(side, changes, better, lots(rnd), kinds, 2);
            }
        }
        while (fromTouch.hasNext()) {
            long deeper = fromTouch.next();
            long gap = Math.abs(deeper - price);
            if (gap > 1) {
                long inside = bids ? price - 1 - rnd.nextInt((int) gap - 1) : price + 1 + rnd.nextInt((int) gap - 1);
                return record(side, changes, inside, lots(rnd), kinds, 2);
            }
            price = deeper;
        }
        return record(side, changes, bids ? price - 1 - rnd.nextInt(3) : price + 1 + rnd.nextInt(3), lots(rnd), kinds, 2);
    }

    private static boolean record(NavigableMap<Long, Long> side, Map<Long, Long> changes, long price, long lots,
            int[] kinds, int kind) {
        if (changes.containsKey(price)) {
            return false;
        }
        changes.put(price, lots);
        if (lots == 0) {
            side.remove(price);
        } else {
            side.put(price, lots);
        }
        kinds[kind]++;
        return true;
    }

    /** 1 to ~20,000 lots of 0.001, most small, a few walls. */
    private static long lots(Random rnd) {
        return 1 + (long) Math.floor(Math.exp(rnd.nextDouble() * 10) * (rnd.nextInt(20) == 0 ? 3 : 1) / 3);
    }

    private static double[][] levels(Map<Long, Long> ticksToLots) {
        double[][] out = new double[ticksToLots.size()][];
        int i = 0;
        for (Map.Entry<Long, Long> l : ticksToLots.entrySet()) {
            out[i++] = new double[] {price(l.getKey()).doubleValue(), size(l.getValue()).doubleValue()};
        }
        return out;
    }

    private static BigDecimal price(long ticks) {
        return BigDecimal.valueOf(ticks, 1);
    }

    private static BigDecimal size(long lots) {
        return BigDecimal.valueOf(lots, 3);
    }

    /** The event as Binance's combined stream sends it: prices and sizes as decimal strings. */
    private static String frame(DepthEvent e, Map<Long, Long> bids, Map<Long, Long> asks) {
        StringBuilder json = new StringBuilder(64 + 24 * CHANGES);
        json.append("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":").append(e.eventTime())
                .append(",\"T\":").append(e.eventTime() - 3).append(",\"s\":\"BTCUSDT\",\"U\":").append(e.firstUpdateId())
                .append(",\"u\":").append(e.finalUpdateId()).append(",\"pu\":").append(e.previousFinalUpdateId())
                .append(",\"b\":");
        changes(json, bids);
        json.append(",\"a\":");
        changes(json, asks);
        return json.append("}}").toString();
    }

    private static void changes(StringBuilder json, Map<Long, Long> levels) {
        json.append('[');
        boolean first = true;
        for (Map.Entry<Long, Long> l : levels.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append("[\"").append(price(l.getKey()).toPlainString()).append("\",\"")
                    .append(size(l.getValue()).toPlainString()).append("\"]");
        }
        json.append(']');
    }

    private static int meanLength(String[] texts) {
        long chars = 0;
        for (String t : texts) {
            chars += t.length();
        }
        return (int) (chars / texts.length);
    }
}
