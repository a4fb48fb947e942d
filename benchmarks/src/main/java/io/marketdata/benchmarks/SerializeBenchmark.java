package io.marketdata.benchmarks;

import io.marketdata.contracts.Json;
import io.marketdata.contracts.market.MarketDataMessage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Serialisation of one normalized {@link MarketDataMessage} with 200 bids + 200 asks by
 * {@code Json.toBytes} — what {@code MarketDataPublisher.publishMarketData} does per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class SerializeBenchmark {

    MarketDataMessage message200;

    @Setup(Level.Trial)
    public void setUp() {
        message200 = SampleData.message("binance", "BTC", 200, 3);
        System.out.printf("%n[setup] 200-level MarketDataMessage serialises to %d bytes%n",
                Json.toBytes(message200).length);
    }

    @Benchmark
    public byte[] marketDataMessage200ToBytes() {
        return Json.toBytes(message200);
    }
}
