package io.marketdata.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.market.MarketDataMessage;
import io.marketdata.orderbook.book.BookMessage;
import io.marketdata.orderbook.book.BookMessageDecoder;
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

/**
 * Decoding one {@code futures_data} body (bytes in) as the order-book service does it per delivery:
 * {@code BookMessageDecoder} (streaming Jackson with the fast double parser, every schema rule
 * checked, straight into the reused {@link BookMessage}'s primitive arrays), against Jackson databind
 * into the {@link MarketDataMessage} record (boxed {@code double[][]} levels, no schema checks) for
 * comparison. The body is what the collector publishes: {@code Json.toBytes} of a normalized
 * message with {@code levels} bids and asks, ticker, funding and {@code extra}.
 * {@code streamingTokensOnly} is the floor under the decoder: the same parser settings walking every
 * token and reading every number as a double, with no checks and nothing stored;
 * {@code streamingTokensOnlyJdkDoubles} is the same without {@code USE_FAST_DOUBLE_PARSER}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class BookDecodeBenchmark {

    @Param({"100", "500"})
    int levels;

    /** The decoder's own parser settings. */
    static final JsonFactory FAST_DOUBLES = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    static final JsonFactory JDK_DOUBLES = JsonFactory.builder().build();

    byte[] body;
    final BookMessageDecoder decoder = new BookMessageDecoder();
    final BookMessage message = new BookMessage();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        body = Json.toBytes(SampleData.message("binance", "BTC", levels, 5));
        decoder.decode(body, message);
        MarketDataMessage bound = Json.MAPPER.readValue(body, MarketDataMessage.class);
        // both decoders must see the whole book, or the comparison is meaningless
        if (message.bidCount != levels || message.askCount != levels || bound.orderbook().bids().length != levels
                || bound.orderbook().asks()[levels - 1][0] != message.askPx[levels - 1]) {
            throw new IllegalStateException("the decoders disagree on the sample message");
        }
        System.out.printf("%n[setup] %d-level MarketDataMessage: %d bytes%n", levels, body.length);
    }

    @Benchmark
    public BookMessage bookMessageDecoder() throws Exception {
        decoder.decode(body, message);
        return message;
    }

    @Benchmark
    public MarketDataMessage databindMarketDataMessage() throws Exception {
        return Json.MAPPER.readValue(body, MarketDataMessage.class);
    }

    @Benchmark
    public double streamingTokensOnly() throws Exception {
        return sumOfFloats(FAST_DOUBLES);
    }

    @Benchmark
    public double streamingTokensOnlyJdkDoubles() throws Exception {
        return sumOfFloats(JDK_DOUBLES);
    }

    private double sumOfFloats(JsonFactory factory) throws Exception {
        double sum = 0;
        try (JsonParser p = factory.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                    sum += p.getDoubleValue();
                }
            }
        }
        return sum;
    }
}
