package io.marketdata.collector.publish;

import io.marketdata.messaging.BrokerSettings;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.marketdata.benchmarks.SampleData;
import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.market.MarketDataMessage;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Publish throughput of the collector's real {@link MarketDataPublisher} (persistent messages, batches
 * of {@code collector.publisher.batch-size}, {@code waitForConfirmsOrDie} per batch) for normalized
 * messages with 200 bids + 200 asks. A measurement only: it prints numbers and asserts nothing about
 * them.
 *
 * <p>Per batch size and per case (routed: a durable queue bound to {@code futures.#} stores every
 * message, so confirms wait for the broker's disk; unrouted: nothing is bound, the broker confirms
 * and discards): a fresh publisher is started exactly as Quarkus would ({@code onStart}), warmed up,
 * then {@code messages} pre-serialised messages (5 exchanges × 50 symbols, bodies from
 * {@code Json.toBytes}, properties from {@link MarketDataPublisher#properties}) are enqueued as fast as
 * possible and the time until {@code publishedCount()} reaches them is taken. The routed queue's
 * message count is checked against the number published, then the queue is deleted.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.marketdata.collector.publish.PublishThroughput \
 *     messages=50000 batch-sizes=50,200,500 vhost=marketdata_test
 * </pre>
 * Arguments ({@code key=value}, all optional): {@code messages} (50000), {@code warmup} (5000),
 * {@code batch-sizes} (50,200,500), {@code cases} (routed,unrouted), {@code levels} (200),
 * {@code host} (localhost), {@code port} (5672), {@code user}/{@code password} (guest),
 * {@code vhost} (marketdata_test).
 */
public final class PublishThroughput {

    static final String QUEUE = "bench.publish-throughput";

    private final Map<String, String> args;

    private PublishThroughput(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, got: " + a);
            }
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        new PublishThroughput(args).run();
    }

    private String arg(String key, String fallback) {
        return args.getOrDefault(key, fallback);
    }

    private void run() throws Exception {
        int messages = Integer.parseInt(arg("messages", "50000"));
        int warmup = Integer.parseInt(arg("warmup", "5000"));
        int levels = Integer.parseInt(arg("levels", "200"));
        List<Integer> batchSizes = new ArrayList<>();
        for (String b : arg("batch-sizes", "50,200,500").split(",")) {
            batchSizes.add(Integer.parseInt(b.trim()));
        }
        List<String> cases = List.of(arg("cases", "routed,unrouted").split(","));

        // the factory reads the same rabbitmq-* settings as in the service, here from system properties
        System.setProperty("rabbitmq-host", arg("host", "localhost"));
        System.setProperty("rabbitmq-port", arg("port", "5672"));
        System.setProperty("rabbitmq-username", arg("user", "guest"));
        System.setProperty("rabbitmq-password", arg("password", "guest"));
        System.setProperty("rabbitmq-virtual-host", arg("vhost", "marketdata_test"));
        BrokerSettings broker = BrokerSettings.fromConfig();

        // 250 distinct bodies: 5 exchanges × 50 symbols, each with its own routing key
        List<String> keys = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        long seed = 1;
        for (String exchange : SampleData.EXCHANGES) {
            for (String base : SampleData.BASES) {
                MarketDataMessage m = SampleData.message(exchange, base, levels, seed++);
                keys.add(RoutingKeys.marketData(m.exchange(), UnifiedSymbol.of(m.symbol())));
                bodies.add(Json.toBytes(m));
            }
        }
        long bodyBytes = 0;
        int minBody = Integer.MAX_VALUE;
        int maxBody = 0;
        for (byte[] b : bodies) {
            bodyBytes += b.length;
            minBody = Math.min(minBody, b.length);
            maxBody = Math.max(maxBody, b.length);
        }
        double meanBody = (double) bodyBytes / bodies.size();

        System.out.printf(Locale.ROOT, "broker %s:%s vhost %s, %d messages per run (+%d warm-up), %d bids + %d asks per message%n",
                arg("host", "localhost"), arg("port", "5672"), arg("vhost", "marketdata_test"), messages, warmup, levels, levels);
        System.out.printf(Locale.ROOT, "body size: mean %.0f B, min %d B, max %d B (%d distinct bodies, %d routing keys)%n",
                meanBody, minBody, maxBody, bodies.size(), keys.size());
        System.out.printf(Locale.ROOT, "%-9s %6s %9s %9s %8s %8s %10s %11s %7s%n", "case", "batch", "seconds",
                "msgs/s", "MB/s", "batches", "confirm ms", "queue depth", "failed");

        try (Connection admin = PublisherConnections.open(broker, "collector-benchmark/admin")) {
            Channel ch = admin.createChannel();
            ch.exchangeDeclare(Topology.MARKET_DATA_EXCHANGE, BuiltinExchangeType.TOPIC, true);
            for (String c : cases) {
                boolean routed = switch (c.trim()) {
                    case "routed" -> true;
                    case "unrouted" -> false;
                    default -> throw new IllegalArgumentException("unknown case " + c);
                };
                for (int batch : batchSizes) {
                    ch.queueDelete(QUEUE);
                    if (routed) {
                        ch.queueDeclare(QUEUE, true, false, false, null);
                        ch.queueBind(QUEUE, Topology.MARKET_DATA_EXCHANGE, "futures.#");
                    }
                    Result r = measure(broker, batch, messages, warmup, keys, bodies, routed ? ch : null);
                    double seconds = r.nanos / 1e9;
                    System.out.printf(Locale.ROOT, "%-9s %6d %9.2f %9.0f %8.1f %8d %10.2f %11s %7d%n",
                            routed ? "routed" : "unrouted", batch, seconds, messages / seconds,
                            messages * meanBody / seconds / 1e6, r.batches, r.confirmMeanMillis,
                            routed ? Long.toString(r.queueDepth) : "-", r.failed);
                    ch.queueDelete(QUEUE);
                    System.gc();
                    Thread.sleep(2_000); // let the broker settle after deleting the stored messages
                }
            }
        }
        System.out.println("MB = 10^6 bytes of message bodies; confirm = publish-to-confirm time of one batch "
                + "(collector_publish_confirm_seconds), mean over the measured run's batches; queue depth = messages "
                + "stored in the bound queue after the run (routed case)");
    }

    private record Result(long nanos, long batches, double confirmMeanMillis, long queueDepth, long failed) {
    }

    private static Result measure(BrokerSettings broker, int batchSize, int messages, int warmup,
            List<String> keys, List<byte[]> bodies, Channel queueChannel) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MarketDataPublisher publisher = new MarketDataPublisher();
        publisher.config = config(batchSize, messages + warmup);
        publisher.broker = broker;
        publisher.registry = registry;
        publisher.onStart(null);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!publisher.connected()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("publisher did not connect: " + publisher.lastError());
                }
                Thread.sleep(10);
            }
            // warm-up (JIT, connection): not timed, then the queue is emptied
            publishAndWait(publisher, prepare(warmup, keys, bodies), warmup);
            if (queueChannel != null) {
                queueChannel.queuePurge(QUEUE);
            }
            Timer confirms = registry.find("collector_publish_confirm_seconds").timer();
            long confirmCountBefore = confirms.count();
            double confirmTotalBefore = confirms.totalTime(TimeUnit.MILLISECONDS);
            List<OutboundMessage> run = prepare(messages, keys, bodies);
            long start = System.nanoTime();
            long elapsed = publishAndWait(publisher, run, warmup + messages) - start;
            long batches = confirms.count() - confirmCountBefore;
            double confirmMean = (confirms.totalTime(TimeUnit.MILLISECONDS) - confirmTotalBefore) / Math.max(1, batches);
            long depth = -1;
            if (queueChannel != null) {
                AMQP.Queue.DeclareOk ok = queueChannel.queueDeclarePassive(QUEUE);
                depth = ok.getMessageCount();
            }
            return new Result(elapsed, batches, confirmMean, depth, publisher.failedCount());
        } finally {
            publisher.drain(Duration.ofSeconds(10));
        }
    }

    /** Pre-builds the outbound messages exactly as {@code publishMarketData} does, minus the serialisation. */
    private static List<OutboundMessage> prepare(int count, List<String> keys, List<byte[]> bodies) {
        List<OutboundMessage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int k = i % keys.size();
            out.add(new OutboundMessage(Topology.MARKET_DATA_EXCHANGE, keys.get(k),
                    MarketDataPublisher.properties("bench-" + (i / keys.size())), bodies.get(k)));
        }
        return out;
    }

    /** Enqueues everything, then waits until the publisher's confirmed count reaches {@code target}. */
    private static long publishAndWait(MarketDataPublisher publisher, List<OutboundMessage> batch, long target)
            throws InterruptedException {
        for (OutboundMessage m : batch) {
            publisher.enqueue(m);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (publisher.publishedCount() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + publisher.publishedCount() + " of " + target
                        + " confirmed after 5 minutes; last error " + publisher.lastError());
            }
            if (publisher.droppedCount() > 0) {
                throw new IllegalStateException("the publisher dropped messages: buffer too small");
            }
            Thread.sleep(1);
        }
        return System.nanoTime();
    }

    /** The collector's settings the publisher reads (defaults of application.properties); nothing else. */
    private static CollectorConfig config(int batchSize, int bufferCapacity) {
        CollectorConfig.Publisher publisher = settings(CollectorConfig.Publisher.class, Map.of(
                "bufferCapacity", bufferCapacity, "batchSize", batchSize, "confirmTimeout", Duration.ofSeconds(5),
                "maxReconnectDelay", Duration.ofSeconds(5), "drainTimeout", Duration.ofSeconds(10)));
        return settings(CollectorConfig.class, Map.of("publisher", publisher));
    }

    @SuppressWarnings("unchecked")
    private static <T> T settings(Class<T> type, Map<String, Object> values) {
        return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Object value = values.get(method.getName());
                    if (value == null) {
                        throw new IllegalStateException(type.getSimpleName() + "." + method.getName()
                                + " is not read by the publisher");
                    }
                    return value;
                });
    }
}
