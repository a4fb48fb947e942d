package io.marketdata.orderbook.bands;

import java.util.Arrays;
import java.util.OptionalInt;

/** The six band depths, in % from the best price (SPEC §6.1), and how they are named in storage. */
public final class Depths {

    public static final double[] PERCENT = {1.5, 3, 5, 8, 15, 30};
    public static final int COUNT = PERCENT.length;
    /** Column-name suffixes in the minute table: {@code bid_usd_1_5}, {@code bid_usd_3}, … */
    private static final String[] SUFFIX = {"1_5", "3", "5", "8", "15", "30"};

    private Depths() {
    }

    /** The index of {@code depth} in {@link #PERCENT}, or empty when it is not one of the six. */
    public static OptionalInt indexOf(double depth) {
        for (int i = 0; i < COUNT; i++) {
            if (PERCENT[i] == depth) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    public static String suffix(int index) {
        return SUFFIX[index];
    }

    public static String describe() {
        return Arrays.toString(PERCENT).replace(".0", "");
    }
}
