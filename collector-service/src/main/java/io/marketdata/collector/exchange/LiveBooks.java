package io.marketdata.collector.exchange;

import java.util.List;
import java.util.Map;

/**
 * Books a venue streams instead of serving them per REST request. The {@link ExchangeLoop} tells it
 * every cycle which instruments are wanted and hands it the cycle's bulk ticker/funding data; it
 * publishes the books it keeps in sync itself, and the loop polls over REST only the instruments it
 * does not {@link #covers cover} (not synced yet, or fallen back).
 */
public interface LiveBooks {

    /** No streamed books: the loop polls every book over REST. */
    LiveBooks NONE = new LiveBooks() {
        @Override
        public void follow(List<Instrument> wanted) {
        }

        @Override
        public void cycleStats(Map<String, MarketStats> stats) {
        }

        @Override
        public boolean covers(Instrument instrument) {
            return false;
        }

        @Override
        public void stop() {
        }
    };

    /** The instruments the loop collects now (symbol additions and removals follow from it). */
    void follow(List<Instrument> wanted);

    /** The cycle's bulk ticker/funding data, keyed by native id, merged into the streamed books' messages. */
    void cycleStats(Map<String, MarketStats> stats);

    /** True while the instrument's book is live: the loop skips its REST book request. */
    boolean covers(Instrument instrument);

    void stop();
}
