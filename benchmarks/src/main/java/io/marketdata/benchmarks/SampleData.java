package io.marketdata.benchmarks;

import io.marketdata.contracts.market.MarketDataMessage;
import io.marketdata.contracts.market.OrderBook;
import io.marketdata.contracts.market.Ticker;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic, realistic-looking inputs for the benchmarks: venue answers in the exact wire shapes
 * the collector parses (Binance {@code /fapi/v1/depth}, Gate {@code /futures/usdt/order_book}) and
 * normalized {@link MarketDataMessage}s. Prices step by the instrument's tick with random gaps of 1–3
 * ticks, sizes are whole lots with a long tail, all written as decimal strings like the venues do, so
 * the parsed doubles have the same shortest forms as in production. Same seed, same bytes.
 */
public final class SampleData {

    /** The 50 base assets every venue of the emulator lists under its plain name, with start prices. */
    public static final List<String> BASES = List.of("BTC", "ETH", "SOL", "BNB", "XRP", "DOGE", "ADA", "AVAX", "LINK",
            "DOT", "TRX", "LTC", "BCH", "NEAR", "UNI", "ATOM", "ETC", "XLM", "FIL", "APT", "ARB", "OP", "INJ", "SUI",
            "SEI", "TIA", "IMX", "AAVE", "LDO", "CRV", "RUNE", "STX", "ALGO", "HBAR", "ICP", "GRT", "SAND", "MANA", "AXS",
            "GALA", "APE", "DYDX", "WLD", "JUP", "PYTH", "ORDI", "ENA", "TON", "WIF", "FET");
    private static final double[] PRICES = {65000, 3400, 150, 580, 0.52, 0.15, 0.45, 35, 14.5, 6.8, 0.12, 80, 450, 5.5,
        9.5, 8.2, 26, 0.11, 5.6, 8.8, 1.05, 2.3, 24, 1.1, 0.45, 9.5, 1.9, 95, 1.9, 0.42, 5.2, 1.9, 0.17, 0.08, 11, 0.24,
        0.42, 0.42, 6.8, 0.035, 1.2, 1.8, 4.5, 1.05, 0.42, 38, 0.75, 6.5, 2.6, 1.9};

    public static final List<String> EXCHANGES = List.of("binance", "bybit", "bitget", "htx", "gateio");

    private SampleData() {
    }

    public static double startPrice(String base) {
        return PRICES[BASES.indexOf(base)];
    }

    /** One side of a book as decimal strings: {@code [price, size]} pairs, best first. */
    private static String[][] side(double mid, int levels, boolean bids, Random rnd, int priceScale, int sizeScale,
            boolean integerSizes) {
        BigDecimal tick = BigDecimal.ONE.movePointLeft(priceScale);
        BigDecimal lot = integerSizes ? BigDecimal.ONE : BigDecimal.ONE.movePointLeft(sizeScale);
        BigDecimal price = BigDecimal.valueOf(mid).setScale(priceScale, RoundingMode.HALF_UP);
        price = bids ? price.subtract(tick) : price.add(tick);
        String[][] out = new String[levels][];
        for (int i = 0; i < levels; i++) {
            // sizes: 1..~20000 lots, most small, a few walls
            long lots = 1 + (long) Math.floor(Math.exp(rnd.nextDouble() * 10) * (rnd.nextInt(20) == 0 ? 3 : 1) / 3);
            out[i] = new String[] {price.toPlainString(), lot.multiply(BigDecimal.valueOf(lots)).toPlainString()};
            BigDecimal step = tick.multiply(BigDecimal.valueOf(1 + rnd.nextInt(3)));
            price = bids ? price.subtract(step) : price.add(step);
            if (price.signum() <= 0) {
                throw new IllegalStateException("book deeper than the price allows");
            }
        }
        return out;
    }

    /** Digits after the point of a price around {@code price}: about six significant digits. */
    public static int priceScale(double price) {
        return Math.max(1, Math.min(8, 5 - (int) Math.floor(Math.log10(price))));
    }

    /** Digits after the point of a size: a lot worth roughly 0.1–1 USD×100. */
    public static int sizeScale(double price) {
        return Math.max(0, Math.min(8, -(int) Math.floor(Math.log10(100.0 / price))));
    }

    /**
     * A Binance USD-M {@code /fapi/v1/depth?limit=N} answer:
     * {@code {"lastUpdateId":…,"E":…,"T":…,"bids":[["65000.10","1.500"],…],"asks":[…]}}.
     */
    public static byte[] binanceDepth(String base, int levels, long seed) {
        Random rnd = new Random(seed);
        double mid = startPrice(base);
        int ps = priceScale(mid);
        int ss = sizeScale(mid);
        StringBuilder json = new StringBuilder(levels * 60);
        long now = 1_730_107_603_100L;
        json.append("{\"lastUpdateId\":").append(5_378_842_519L).append(",\"E\":").append(now + 23).append(",\"T\":")
                .append(now).append(",\"bids\":");
        appendArrays(json, side(mid, levels, true, rnd, ps, ss, false));
        json.append(",\"asks\":");
        appendArrays(json, side(mid, levels, false, rnd, ps, ss, false));
        json.append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendArrays(StringBuilder json, String[][] levels) {
        json.append('[');
        for (int i = 0; i < levels.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("[\"").append(levels[i][0]).append("\",\"").append(levels[i][1]).append("\"]");
        }
        json.append(']');
    }

    /**
     * A Gate {@code /futures/usdt/order_book?contract=X&limit=N&with_id=true} answer: levels
     * {@code {"p":"61264.8","s":24909}}, sizes in integer contracts (× quanto multiplier = base units).
     */
    public static byte[] gateOrderBook(String base, int levels, long seed) {
        Random rnd = new Random(seed);
        double mid = startPrice(base);
        int ps = priceScale(mid);
        StringBuilder json = new StringBuilder(levels * 60);
        json.append("{\"id\":93973511,\"current\":1634350208.745,\"update\":1634350208.724,\"asks\":");
        appendObjects(json, side(mid, levels, false, rnd, ps, 0, true));
        json.append(",\"bids\":");
        appendObjects(json, side(mid, levels, true, rnd, ps, 0, true));
        json.append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendObjects(StringBuilder json, String[][] levels) {
        json.append('[');
        for (int i = 0; i < levels.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"p\":\"").append(levels[i][0]).append("\",\"s\":").append(levels[i][1]).append('}');
        }
        json.append(']');
    }

    private static double[][] toDoubles(String[][] levels) {
        double[][] out = new double[levels.length][];
        for (int i = 0; i < levels.length; i++) {
            out[i] = new double[] {Double.parseDouble(levels[i][0]), Double.parseDouble(levels[i][1])};
        }
        return out;
    }

    /** How the levels of a synthetic book are spread away from the touch (see {@link #bookSide}). */
    public enum BookShape {
        /** 1–3 ticks between levels, as the venues send them: 500 BTC levels span about 0.15 %, all in the 1.5 % band. */
        TIGHT,
        /** Levels spread evenly (±40 % jitter) out to 32 % from the touch: every band gets some, the last ~6 % are beyond 30 %. */
        WIDE,
        /** 1–3 ticks near the touch, then gaps growing with the cube of the level index out to 32 %: most levels sit in the narrow bands. */
        DENSE_NEAR_TOUCH
    }

    /** One side of a book as parallel arrays, best price first. */
    public record Side(double[] prices, double[] sizes) {
    }

    /**
     * One side of {@code levels} levels for the band benchmark, starting at {@code best}: prices exact
     * multiples of {@code 10^-priceScale} (parsed from their decimal form, like the decoder's doubles),
     * strictly decreasing (bids) or increasing (asks), sizes whole lots of {@code 10^-sizeScale} with a
     * long tail.
     */
    public static Side bookSide(BigDecimal best, int levels, BookShape shape, boolean bids, int sizeScale, long seed) {
        Random rnd = new Random(seed);
        int priceScale = best.scale();
        long bestTicks = best.unscaledValue().longValueExact();
        // 32 % of the best price in ticks: the outermost levels fall past the widest (30 %) band
        double spanTicks = bestTicks * 0.32;
        double[] prices = new double[levels];
        double[] sizes = new double[levels];
        long offset = 0;
        for (int i = 0; i < levels; i++) {
            if (i > 0) {
                double f = (double) i / (levels - 1);
                long minimum = offset + 1 + rnd.nextInt(3);
                long target = switch (shape) {
                    case TIGHT -> minimum;
                    case WIDE -> Math.round(spanTicks * f + spanTicks / levels * 0.4 * (rnd.nextDouble() * 2 - 1));
                    case DENSE_NEAR_TOUCH -> Math.round(spanTicks * f * f * f);
                };
                offset = Math.max(minimum, target);
            }
            long ticks = bids ? bestTicks - offset : bestTicks + offset;
            if (ticks <= 0) {
                throw new IllegalStateException("book deeper than the price allows");
            }
            prices[i] = BigDecimal.valueOf(ticks, priceScale).doubleValue();
            long lots = 1 + (long) Math.floor(Math.exp(rnd.nextDouble() * 10) * (rnd.nextInt(20) == 0 ? 3 : 1) / 3);
            sizes[i] = BigDecimal.valueOf(lots, sizeScale).doubleValue();
        }
        return new Side(prices, sizes);
    }

    /**
     * A normalized message as the collector publishes it for {@code futures.<exchange>.<BASE>USDT}:
     * {@code levels} bids and asks, ticker, funding and mark price, {@code extra.native_symbol}.
     */
    public static MarketDataMessage message(String exchange, String base, int levels, long seed) {
        Random rnd = new Random(seed);
        double mid = startPrice(base) * (1 + (rnd.nextDouble() - 0.5) * 0.01);
        int ps = priceScale(mid);
        double[][] bids = toDoubles(side(mid, levels, true, rnd, ps, sizeScale(mid), false));
        double[][] asks = toDoubles(side(mid, levels, false, rnd, ps, sizeScale(mid), false));
        long now = System.currentTimeMillis();
        double last = BigDecimal.valueOf((bids[0][0] + asks[0][0]) / 2).setScale(ps, RoundingMode.HALF_UP).doubleValue();
        double volume = BigDecimal.valueOf(rnd.nextDouble() * 1e9 / mid).setScale(sizeScale(mid), RoundingMode.HALF_UP)
                .doubleValue();
        String nativeId = switch (exchange) {
            case "htx" -> base + "-USDT";
            case "gateio" -> base + "_USDT";
            default -> base + "USDT";
        };
        return new MarketDataMessage(exchange, "futures", base + "/USDT:USDT", now,
                new Ticker(bids[0][0], asks[0][0], last, volume),
                new OrderBook(bids, asks, now - 40),
                BigDecimal.valueOf(rnd.nextInt(20) - 5, 5).doubleValue(), now - now % 28_800_000 + 28_800_000,
                last, Map.of("native_symbol", nativeId));
    }
}
