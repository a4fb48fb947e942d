package io.marketdata.emulator.market;

import java.math.BigDecimal;

/**
 * An asset as one venue lists it.
 *
 * @param id              dense global index (cache slot)
 * @param venue           the venue
 * @param asset           the underlying asset
 * @param routingSymbol   base+quote upper-case, e.g. {@code BTCUSDT}, {@code 1000PEPEUSDT}
 * @param nativeId        the venue's own id: {@code BTCUSDT}, {@code BTC-USDT} (HTX), {@code BTC_USDT} (Gate)
 * @param baseName        base asset as the venue names it, e.g. {@code 1000PEPE}, {@code SHIB1000}, {@code BTC}
 * @param priceMultiplier units of the plain asset in one unit of {@code baseName} (1 or 1000)
 * @param tickScale       price tick = 10^-tickScale
 * @param unitExp         size unit = 10^unitExp base units: the lot (Binance, Bybit, Bitget) or the
 *                        contract size (HTX {@code contract_size}, Gate {@code quanto_multiplier})
 */
public record Instrument(int id, Venue venue, Asset asset, String routingSymbol, String nativeId, String baseName,
        int priceMultiplier, int tickScale, int unitExp) {

    public String quote() {
        return "USDT";
    }

    public BigDecimal tickSize() {
        return BigDecimal.ONE.scaleByPowerOfTen(-tickScale);
    }

    /** Lot size or contract size in base units, as an exact decimal. */
    public BigDecimal unitSize() {
        return BigDecimal.ONE.scaleByPowerOfTen(unitExp);
    }

    /** Contract size: the unit for HTX/Gate, 1 (sizes already in base units) elsewhere. */
    public BigDecimal contractSize() {
        return venue.sizesInContracts() ? unitSize() : BigDecimal.ONE;
    }

    /** Decimals needed to print a size in base units exactly. */
    public int baseSizeScale() {
        return Math.max(0, -unitExp);
    }

    public String tickSizeString() {
        return Decimals.fixed(1, tickScale);
    }

    public String unitSizeString() {
        return Decimals.fixed(1, -unitExp);
    }

    /** Price given in ticks, printed with exactly {@code tickScale} decimals. */
    public String price(long ticks) {
        return Decimals.fixed(ticks, tickScale);
    }

    /** Size given in units, printed in base units with exactly {@link #baseSizeScale()} decimals. */
    public String baseSize(long units) {
        return Decimals.fixed(units, -unitExp);
    }

    public BigDecimal priceDecimal(long ticks) {
        return BigDecimal.valueOf(ticks, tickScale);
    }

    public BigDecimal baseSizeDecimal(long units) {
        return BigDecimal.valueOf(units, -unitExp);
    }
}
