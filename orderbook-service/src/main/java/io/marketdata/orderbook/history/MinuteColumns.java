package io.marketdata.orderbook.history;

import io.marketdata.orderbook.bands.Depths;

/** Column names of {@code minute_bands}, derived once from {@link Depths}. */
public final class MinuteColumns {

    static final String[] KINDS = {"bid_qty", "ask_qty", "bid_usd", "ask_usd", "avg_bid_usd", "avg_ask_usd"};

    /** {@code bid_qty_1_5, bid_qty_3, …, avg_ask_usd_30}: the 36 value columns in storage order. */
    public static final String VALUE_COLUMNS;

    static {
        StringBuilder sb = new StringBuilder();
        for (String kind : KINDS) {
            for (int d = 0; d < Depths.COUNT; d++) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(column(kind, d));
            }
        }
        VALUE_COLUMNS = sb.toString();
    }

    private MinuteColumns() {
    }

    /** {@code bid_usd_1_5} for kind {@code bid_usd} and depth index 0. */
    public static String column(String kind, int depthIndex) {
        return kind + "_" + Depths.suffix(depthIndex);
    }

    /** The {@code VALUES} rows that turn a minute row's columns into one row per depth (for roll-ups). */
    static String unpivotValues() {
        StringBuilder sb = new StringBuilder("(VALUES ");
        for (int d = 0; d < Depths.COUNT; d++) {
            if (d > 0) {
                sb.append(", ");
            }
            sb.append('(').append(Depths.PERCENT[d]).append("::real, m.").append(column("bid_qty", d))
                    .append(", m.").append(column("ask_qty", d))
                    .append(", m.").append(column("bid_usd", d))
                    .append(", m.").append(column("ask_usd", d)).append(')');
        }
        return sb.append(") v(depth, bid_qty, ask_qty, bid_usd, ask_usd)").toString();
    }
}
