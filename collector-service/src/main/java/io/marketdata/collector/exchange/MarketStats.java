package io.marketdata.collector.exchange;

/**
 * Ticker and funding fields of one instrument, as fetched in bulk once per cycle. Any field may be
 * null when the venue did not report it; sizes are already in base units, times in epoch ms.
 */
public record MarketStats(
        Double bid,
        Double ask,
        Double last,
        Double volume24h,
        Double fundingRate,
        Long nextFundingTime,
        Double markPrice) {

    public static final MarketStats EMPTY = new MarketStats(null, null, null, null, null, null, null);

    /** Fields of {@code other} fill the nulls of this one. */
    public MarketStats orElse(MarketStats other) {
        return new MarketStats(
                bid != null ? bid : other.bid,
                ask != null ? ask : other.ask,
                last != null ? last : other.last,
                volume24h != null ? volume24h : other.volume24h,
                fundingRate != null ? fundingRate : other.fundingRate,
                nextFundingTime != null ? nextFundingTime : other.nextFundingTime,
                markPrice != null ? markPrice : other.markPrice);
    }
}
