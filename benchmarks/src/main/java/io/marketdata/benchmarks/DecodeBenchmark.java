package io.marketdata.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.exchange.Instrument;
import io.marketdata.collector.exchange.Levels;
import io.marketdata.collector.exchange.binance.BinanceParser;
import io.marketdata.collector.exchange.gateio.GateParser;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.UnifiedSymbol;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding of venue book answers, as the collector does it per request: Jackson {@code readTree} of
 * the body bytes ({@code RestClient}), then the venue parser ({@code Levels.parse} per side).
 * <ul>
 *   <li>Binance USD-M {@code /fapi/v1/depth?limit=1000}: 1000 bids + 1000 asks as
 *       {@code ["price","qty"]} string pairs, sizes already in base units;</li>
 *   <li>Gate {@code /futures/usdt/order_book?limit=100}: 100 + 100 {@code {"p":"…","s":n}} objects,
 *       sizes in contracts multiplied by the quanto multiplier 0.0001 in {@code BigDecimal}.</li>
 * </ul>
 * The {@code *ReadTree} and {@code *LevelsFromTree} variants split the full decode into its two halves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class DecodeBenchmark {

    static final Instrument GATE_BTC = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTC_USDT", 0.0001);

    byte[] binance1000;
    byte[] gate100;
    JsonNode binanceTree;
    JsonNode gateTree;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        binance1000 = SampleData.binanceDepth("BTC", 1000, 1);
        gate100 = SampleData.gateOrderBook("BTC", 100, 2);
        binanceTree = Json.MAPPER.readTree(binance1000);
        gateTree = Json.MAPPER.readTree(gate100);
        // the inputs must be what the parsers accept, in full
        BinanceParser.Book book = BinanceParser.futuresBook(binanceTree, "BTCUSDT");
        GateParser.Book gate = GateParser.book(gateTree, GATE_BTC);
        if (book.bids().length != 1000 || book.asks().length != 1000 || gate.bids().length != 100
                || gate.asks().length != 100) {
            throw new IllegalStateException("sample books do not have the expected depth");
        }
    }

    /** Binance 1000 levels: readTree, then {@code Levels.parse} of both sides. */
    @Benchmark
    public void binanceReadTreeAndLevelsParse(Blackhole bh) throws Exception {
        JsonNode tree = Json.MAPPER.readTree(binance1000);
        bh.consume(Levels.parse(tree.get("bids"), 1.0, true));
        bh.consume(Levels.parse(tree.get("asks"), 1.0, false));
    }

    /** Binance 1000 levels: readTree, then {@code BinanceParser.futuresBook} (checks, both sides, times, id). */
    @Benchmark
    public BinanceParser.Book binanceFuturesBook() throws Exception {
        return BinanceParser.futuresBook(Json.MAPPER.readTree(binance1000), "BTCUSDT");
    }

    /** Binance 1000 levels: readTree alone. */
    @Benchmark
    public JsonNode binanceReadTree() throws Exception {
        return Json.MAPPER.readTree(binance1000);
    }

    /** Binance 1000 levels: {@code Levels.parse} of both sides of an already parsed tree. */
    @Benchmark
    public void binanceLevelsFromTree(Blackhole bh) throws Exception {
        bh.consume(Levels.parse(binanceTree.get("bids"), 1.0, true));
        bh.consume(Levels.parse(binanceTree.get("asks"), 1.0, false));
    }

    /** Gate 100 levels with the quanto multiplier: readTree, then {@code GateParser.book}. */
    @Benchmark
    public GateParser.Book gateBook() throws Exception {
        return GateParser.book(Json.MAPPER.readTree(gate100), GATE_BTC);
    }

    /** Gate 100 levels: readTree alone. */
    @Benchmark
    public JsonNode gateReadTree() throws Exception {
        return Json.MAPPER.readTree(gate100);
    }

    /** Gate 100 levels: {@code GateParser.book} of an already parsed tree (BigDecimal size × 0.0001). */
    @Benchmark
    public GateParser.Book gateBookFromTree() throws Exception {
        return GateParser.book(gateTree, GATE_BTC);
    }
}
