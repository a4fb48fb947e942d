package io.marketdata.collector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.marketdata.collector.publish.OutboundMessage.Destination;
import io.marketdata.collector.support.TestInfra;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.market.MarketDataMessage;
import io.marketdata.contracts.market.OrderBook;
import io.marketdata.contracts.market.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Publish throughput of the collector's real {@link MarketDataPublisher} on its connector channel
 * ({@code market-data}, publisher confirms, persistent messages, batches of
 * {@code collector.publisher.batch-size}) for normalized messages with 200 bids + 200 asks. A
 * measurement: tagged {@code benchmark}, so the normal test run leaves it out; it asserts only that
 * every message was confirmed and stored (routed case: by message id when a fault made batches
 * re-send, e.g. the broker stopped during the run), never a rate. Run it through
 * {@code deploy/bench/publish-throughput.sh}, which repeats it per batch size and case:
 *
 * <pre>
 * ./mvnw -B test -pl collector-service -Dgroups=benchmark -DexcludedGroups= -Dtest=PublishThroughputBenchmark \
 *     -Dcollector.publisher.batch-size=200 -Dbench.case=routed -Dbench.messages=50000
 * </pre>
 * Collection, live books, PumpPortal and DexScreener are off in this profile, so only the benchmark's
 * messages go through the publisher. Keys are {@code futures.bench.<n>}: the routed case binds a
 * durable queue to {@code futures.bench.#}.
 */
@QuarkusTest
@TestProfile(PublishThroughputBenchmark.Quiet.class)
@Tag("benchmark")
class PublishThroughputBenchmark {

    /** Nothing but the publisher: no venue, no live book, no token source. */
    public static class Quiet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> off = new java.util.HashMap<>();
            for (String venue : List.of("binance", "bybit", "bitget", "htx", "gateio")) {
                off.put("collector.exchanges." + venue + ".enabled", "false");
            }
            off.put("collector.live-books.enabled", "false");
            off.put("collector.pumpportal.enabled", "false");
            off.put("collector.dexscreener.enabled", "false");
            off.put("collector.publisher.buffer-capacity", "200000");
            return off;
        }
    }

    private static final String QUEUE = "bench.publish-throughput";

    @Inject
    MarketDataPublisher publisher;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "collector.publisher.batch-size")
    int batchSize;
    /** The broker the publisher uses (-Drabbitmq-port=… points both at a private node for a fault run). */
    @ConfigProperty(name = "rabbitmq-port")
    int brokerPort;

    @Test
    void publishThroughput() throws Exception {
        int messages = Integer.getInteger("bench.messages", 50_000);
        int warmup = Integer.getInteger("bench.warmup", 5_000);
        boolean routed = !"unrouted".equals(System.getProperty("bench.case", "routed"));
        List<byte[]> bodies = bodies(250, 200);
        double meanBody = bodies.stream().mapToInt(b -> b.length).average().orElse(0);

        ConnectionFactory factory = new ConnectionFactory();
        factory.setVirtualHost(TestInfra.VHOST);
        factory.setPort(brokerPort);
        try (Connection admin = factory.newConnection("publish-benchmark")) {
            Channel ch = admin.createChannel();
            ch.exchangeDeclare(Topology.MARKET_DATA_EXCHANGE, "topic", true);
            ch.queueDelete(QUEUE);
            if (routed) {
                ch.queueDeclare(QUEUE, true, false, false, null);
                ch.queueBind(QUEUE, Topology.MARKET_DATA_EXCHANGE, "futures.bench.#");
            }
            long base = publisher.publishedCount();
            publishAndWait(bodies, warmup, base + warmup); // JIT, connection: not timed
            if (routed) {
                ch.queuePurge(QUEUE);
            }
            Timer confirms = registry.find("collector_publish_confirm_seconds").timer();
            long batchesBefore = confirms.count();
            double confirmMillisBefore = confirms.totalTime(TimeUnit.MILLISECONDS);
            long failedBefore = publisher.failedCount();
            long start = System.nanoTime();
            publishAndWait(bodies, messages, base + warmup + messages);
            double seconds = (System.nanoTime() - start) / 1e9;
            long batches = confirms.count() - batchesBefore;
            double confirmMean = (confirms.totalTime(TimeUnit.MILLISECONDS) - confirmMillisBefore) / Math.max(1, batches);
            long failed = publisher.failedCount() - failedBefore;
            long depth = routed ? ch.queueDeclarePassive(QUEUE).getMessageCount() : -1;
            // after a fault during the run (failed > 0) batches were re-sent: count what arrived by message id
            long distinct = routed && failed > 0 ? distinctMessageIds(ch, depth) : depth;
            ch.queueDelete(QUEUE);
            System.out.printf(Locale.ROOT, "PUBLISH-BENCH case=%s batch=%d messages=%d seconds=%.2f msgs_per_s=%.0f "
                            + "MB_per_s=%.1f batches=%d confirm_ms=%.2f queue_depth=%d distinct_ids=%d failed=%d mean_body=%.0f%n",
                    routed ? "routed" : "unrouted", batchSize, messages, seconds, messages / seconds,
                    messages * meanBody / seconds / 1e6, batches, confirmMean, depth, distinct, failed, meanBody);
            assertEquals(0, publisher.droppedCount(), "nothing dropped from the buffer");
            if (routed) {
                assertEquals(messages, distinct, "every confirmed message stored, under its own id");
            }
        }
    }

    private static long distinctMessageIds(Channel ch, long depth) throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        com.rabbitmq.client.GetResponse r;
        for (long i = 0; i < depth && (r = ch.basicGet(QUEUE, true)) != null; i++) {
            ids.add(r.getProps().getMessageId());
        }
        return ids.size();
    }

    private void publishAndWait(List<byte[]> bodies, int count, long target) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            int k = i % bodies.size();
            publisher.enqueue(new OutboundMessage(Destination.MARKET_DATA, "futures.bench." + k,
                    UUID.randomUUID().toString(), "bench-" + i / bodies.size(), System.currentTimeMillis(), bodies.get(k)));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (publisher.publishedCount() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + publisher.publishedCount() + " of " + target
                        + " confirmed after 5 minutes; last error " + publisher.lastError());
            }
            Thread.sleep(1);
        }
    }

    /** Normalized 200+200-level books on a 0.1 tick, sizes on 0.001 lots: about the size the collector sends. */
    static List<byte[]> bodies(int count, int levels) {
        Random rnd = new Random(1);
        List<byte[]> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            long midTicks = 600_000 + rnd.nextInt(100_000);
            double[][] bids = new double[levels][];
            double[][] asks = new double[levels][];
            long bid = midTicks - 1;
            long ask = midTicks + 1;
            for (int i = 0; i < levels; i++) {
                bids[i] = new double[] {BigDecimal.valueOf(bid, 1).doubleValue(), lots(rnd)};
                asks[i] = new double[] {BigDecimal.valueOf(ask, 1).doubleValue(), lots(rnd)};
                bid -= 1 + rnd.nextInt(3);
                ask += 1 + rnd.nextInt(3);
            }
            long now = System.currentTimeMillis();
            out.add(Json.toBytes(new MarketDataMessage("binance", "futures", "BTC/USDT:USDT", now,
                    new Ticker(bids[0][0], asks[0][0], bids[0][0], 123_456.789), new OrderBook(bids, asks, now - 40),
                    0.0001, now + 3_600_000, bids[0][0], Map.of("native_symbol", "BTCUSDT"))));
        }
        return out;
    }

    private static double lots(Random rnd) {
        return BigDecimal.valueOf(1 + (long) Math.floor(Math.exp(rnd.nextDouble() * 10) / 3), 3).doubleValue();
    }
}
