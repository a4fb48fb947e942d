package io.marketdata.collector.exchange.binance.live;

/**
 * Binance's documented rules for joining a REST depth snapshot ({@code lastUpdateId} = L) with the
 * diff-depth stream. USD-M futures and spot differ in how "stale", "first event" and "continuous"
 * are defined, so each market is one constant.
 */
public enum SyncRule {

    /** USD-M futures: drop {@code u < L}; first event {@code U ≤ L ≤ u}; then {@code pu == previous u}. */
    FUTURES {
        @Override
        boolean stale(DepthEvent event, long lastUpdateId) {
            return event.finalUpdateId() < lastUpdateId;
        }

        @Override
        boolean straddles(DepthEvent event, long lastUpdateId) {
            return event.firstUpdateId() <= lastUpdateId && lastUpdateId <= event.finalUpdateId();
        }

        @Override
        boolean continues(long previousFinalUpdateId, DepthEvent event) {
            return event.previousFinalUpdateId() == previousFinalUpdateId;
        }

        @Override
        boolean snapshotOlderThanStream(long lastUpdateId, DepthEvent firstBuffered) {
            return false; // futures rely on the straddle check alone
        }
    },

    /**
     * Spot: a snapshot older than the first buffered event ({@code L < U}) is refetched; drop
     * {@code u ≤ L}; first event {@code U ≤ L+1 ≤ u}; then {@code U == previous u + 1}.
     */
    SPOT {
        @Override
        boolean stale(DepthEvent event, long lastUpdateId) {
            return event.finalUpdateId() <= lastUpdateId;
        }

        @Override
        boolean straddles(DepthEvent event, long lastUpdateId) {
            return event.firstUpdateId() <= lastUpdateId + 1 && lastUpdateId + 1 <= event.finalUpdateId();
        }

        @Override
        boolean continues(long previousFinalUpdateId, DepthEvent event) {
            return event.firstUpdateId() == previousFinalUpdateId + 1;
        }

        @Override
        boolean snapshotOlderThanStream(long lastUpdateId, DepthEvent firstBuffered) {
            return lastUpdateId < firstBuffered.firstUpdateId();
        }
    };

    /** The event is already contained in the snapshot: drop it. */
    abstract boolean stale(DepthEvent event, long lastUpdateId);

    /** The event may be the first one applied on top of the snapshot. */
    abstract boolean straddles(DepthEvent event, long lastUpdateId);

    /** The event directly follows the previously applied one (no update lost in between). */
    abstract boolean continues(long previousFinalUpdateId, DepthEvent event);

    /** The snapshot predates the first buffered event, so updates between them are unknown: refetch. */
    abstract boolean snapshotOlderThanStream(long lastUpdateId, DepthEvent firstBuffered);
}
