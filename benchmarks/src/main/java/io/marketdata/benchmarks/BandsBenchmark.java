package io.marketdata.benchmarks;

import io.marketdata.orderbook.bands.BandCalculator;
import io.marketdata.orderbook.bands.Bands;
import io.marketdata.orderbook.bands.Depths;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The order-book service's six depth bands ({@code BandCalculator.compute}) over one book, as the
 * pipeline calls it per message: parallel price/size arrays in, a reused {@link Bands} out. The
 * book is BTC at 65,000.0 / 65,000.1 (tick 0.1, lot 0.001) in the three {@link SampleData.BookShape}s:
 * TIGHT is what the venues send (all levels inside the 1.5 % band), WIDE and DENSE_NEAR_TOUCH reach
 * 32 % so the loop crosses every band boundary and stops at the first level past 30 %.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class BandsBenchmark {

    @Param({"500"})
    int levels;

    @Param({"TIGHT", "WIDE", "DENSE_NEAR_TOUCH"})
    SampleData.BookShape shape;

    double[] bidPx;
    double[] bidQty;
    double[] askPx;
    double[] askQty;
    final Bands bands = new Bands();

    @Setup(Level.Trial)
    public void setUp() {
        SampleData.Side bids = SampleData.bookSide(new BigDecimal("65000.0"), levels, shape, true, 3, 11);
        SampleData.Side asks = SampleData.bookSide(new BigDecimal("65000.1"), levels, shape, false, 3, 12);
        bidPx = bids.prices();
        bidQty = bids.sizes();
        askPx = asks.prices();
        askQty = asks.sizes();
        BandCalculator.compute(bidPx, bidQty, levels, askPx, askQty, levels, bands);
        // show which bands the book reaches, so a reader can see the loop's work per shape
        System.out.printf("%n[setup] %s, %d levels per side: bids down to %.2f %%, asks up to %.2f %% from the touch;"
                + " levels per band (bids / asks):", shape, levels, (1 - bidPx[levels - 1] / bidPx[0]) * 100,
                (askPx[levels - 1] / askPx[0] - 1) * 100);
        for (int d = 0; d < Depths.COUNT; d++) {
            System.out.printf(" %s%%: %d / %d", Depths.PERCENT[d], inBand(bidPx, bidPx[0] * (1 - Depths.PERCENT[d] / 100), true),
                    inBand(askPx, askPx[0] * (1 + Depths.PERCENT[d] / 100), false));
        }
        System.out.println();
    }

    private int inBand(double[] px, double limit, boolean bids) {
        int n = 0;
        for (int i = 0; i < levels; i++) {
            if (bids ? px[i] >= limit : px[i] <= limit) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    public void compute(Blackhole bh) {
        BandCalculator.compute(bidPx, bidQty, levels, askPx, askQty, levels, bands);
        bh.consume(bands.bidValue[Depths.COUNT - 1]);
        bh.consume(bands.askVolume[Depths.COUNT - 1]);
    }
}
