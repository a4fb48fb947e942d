package io.marketdata.emulator.market;

import java.util.Locale;

/**
 * The venues the emulator serves. {@link #id()} is the name used by the admin API
 * ({@code /_emulator/book/{venue}/…}); {@link #pathPrefix()} is where the venue's REST API lives.
 */
public enum Venue {

    /** Binance USD-M futures: levels in base units, lot-sized. */
    BINANCE("binance", "/binance-futures", true, false, 1000, 1.0),
    /** Binance spot: same bases quoted in USDT (plain bases, no 1000x multipliers). */
    BINANCE_SPOT("binance-spot", "/binance-spot", false, false, 1000, 0.6),
    /** Bybit v5 linear. */
    BYBIT("bybit", "/bybit", true, false, 500, 0.8),
    /** Bitget v2 USDT-M futures. */
    BITGET("bitget", "/bitget", true, false, 400, 0.5),
    /** HTX linear swaps: book sizes in integer contracts of {@code contract_size} base units. */
    HTX("htx", "/htx", true, true, 400, 0.3),
    /** Gate.io USDT futures: book sizes in integer contracts of {@code quanto_multiplier} base units. */
    GATEIO("gateio", "/gateio", true, true, 400, 0.4);

    private final String id;
    private final String pathPrefix;
    private final boolean perpetual;
    private final boolean sizesInContracts;
    private final int depth;
    private final double liquidity;

    Venue(String id, String pathPrefix, boolean perpetual, boolean sizesInContracts, int depth, double liquidity) {
        this.id = id;
        this.pathPrefix = pathPrefix;
        this.perpetual = perpetual;
        this.sizesInContracts = sizesInContracts;
        this.depth = depth;
        this.liquidity = liquidity;
    }

    public String id() {
        return id;
    }

    public String pathPrefix() {
        return pathPrefix;
    }

    public boolean perpetual() {
        return perpetual;
    }

    /** True when the venue's native sizes are integer contracts (HTX, Gate). */
    public boolean sizesInContracts() {
        return sizesInContracts;
    }

    /** Levels modelled per side of this venue's books. */
    public int depth() {
        return depth;
    }

    /** Relative liquidity: scales level sizes and 24 h volumes. */
    public double liquidity() {
        return liquidity;
    }

    public static Venue byId(String id) {
        if (id == null) {
            return null;
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        for (Venue v : values()) {
            if (v.id.equals(wanted)) {
                return v;
            }
        }
        return null;
    }

    /** The venue whose REST prefix starts {@code path}, or null (admin and health paths). */
    public static Venue byPath(String path) {
        if (path == null) {
            return null;
        }
        for (Venue v : values()) {
            String p = v.pathPrefix;
            if (path.startsWith(p) && (path.length() == p.length() || path.charAt(p.length()) == '/')) {
                return v;
            }
        }
        return null;
    }
}
