package io.marketdata.benchmarks;

import io.marketdata.contracts.Json;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.contracts.token.PoolMetrics;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.WindowMetrics;
import io.marketdata.scoring.model.ScoringInput;
import io.marketdata.scoring.model.ScoringPipeline;
import io.marketdata.scoring.model.ScoringResult;
import io.marketdata.scoring.model.ScoringState;
import io.marketdata.scoring.model.hybrid.HybridMomentumModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * One scoring round of the scoring-service without its I/O: {@code ScoringPipeline.score} with
 * {@code HybridMomentumModel} (quality checks, the four components, the weighted sum, EWMA on every
 * component and the score) for a realistic {@code token.metrics} snapshot — three pools (a pump.fun
 * bonding curve and two tradeable pools), nested windows, one collector flag — against a token
 * state with 10 past scores. {@code roundAndBody} adds what the service does next with the result:
 * the {@code score.updated} body ({@code Json.toBytes}). One thread: rounds per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ScoringBenchmark {

    final HybridMomentumModel model = new HybridMomentumModel();
    final PipelineSettings settings = PipelineSettings.defaults();
    TokenMetrics metrics;
    ScoringState state;
    long migratedAt;
    long scoredAt;

    @Setup(Level.Trial)
    public void setUp() {
        String mint = "97QUGxUbXzWpmBPpQGnTgbgvR9n5a3xqWnUWVfG2pump";
        scoredAt = 1_763_000_000_000L;
        migratedAt = scoredAt - 2 * 3_600_000L - 17 * 60_000L;
        List<PoolMetrics> pools = List.of(
                new PoolMetrics("Bz4MhmVRQENiCou7ZpJ575wpjNFjBjVBSiVhuNg1QYAp", "pumpfun", List.of(), 85.0, "SOL",
                        "So11111111111111111111111111111111111111112", 0.000041, false),
                new PoolMetrics("7qbRF6YsyGuLUVs6Y1q64bdVrfe4ZcUUz1JRdoVNUJnm", "pumpswap", List.of(), 48_200.5, "SOL",
                        "So11111111111111111111111111111111111111112", 0.0000412, true),
                new PoolMetrics("5Q544fKrFoe6tsEbD7S8EmxGTJYAKtTVhAW5Q5pge4j1", "raydium", List.of("CLMM"), 6_150.0, "USDC",
                        "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", 0.0000409, true));
        Map<String, WindowMetrics> windows = new LinkedHashMap<>();
        windows.put("m5", new WindowMetrics(61, 38, 7_420.75));
        windows.put("h1", new WindowMetrics(512, 431, 58_310.2));
        windows.put("h6", new WindowMetrics(2_210, 1_980, 240_115.0));
        windows.put("h24", new WindowMetrics(2_600, 2_350, 281_004.9));
        metrics = new TokenMetrics(mint, scoredAt - 1_500, 0.0000411, 41_100.0, pools, windows,
                List.of("missing_quote_price"), migratedAt);
        // a token that has been scored for a while: 10 past scores and smoothed components
        ScoringState s = ScoringState.initial(HybridMomentumModel.NAME);
        for (int i = 0; i < 10; i++) {
            long at = scoredAt - (10 - i) * 30_000L;
            s = s.after(ScoringPipeline.score(model, ScoringInput.snapshot(metrics, migratedAt, at), s, settings));
        }
        state = s;
        ScoringResult sample = round();
        System.out.printf("%n[setup] score %.4f, smoothed %.4f, %s %s; score.updated body %d bytes%n", sample.score(),
                sample.smoothedScore(), sample.dataQuality().wireName(), sample.issues(),
                Json.toBytes(sample.toScoreUpdated()).length);
    }

    @Benchmark
    public ScoringResult round() {
        return ScoringPipeline.score(model, ScoringInput.snapshot(metrics, migratedAt, scoredAt), state, settings);
    }

    @Benchmark
    public byte[] roundAndBody() {
        return Json.toBytes(round().toScoreUpdated());
    }
}
