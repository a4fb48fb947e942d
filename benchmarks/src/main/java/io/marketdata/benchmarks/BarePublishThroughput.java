package io.marketdata.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.market.MarketDataMessage;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The bare baseline beside the collector's publisher benchmark ({@code PublishThroughputBenchmark} in
 * collector-service, driven by {@code deploy/bench/publish-throughput.sh}): the RabbitMQ Java client
 * alone on one channel, the same persistent messages and properties, the same batches, one
 * {@code waitForConfirmsOrDie} per batch. It shows what the broker and the machine allow in the same
 * minute, so the connector's figure can be read against it. A measurement only: it prints numbers and
 * asserts nothing but the routed queue's depth.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.marketdata.benchmarks.BarePublishThroughput \
 *     messages=50000 batch-sizes=200 cases=routed vhost=marketdata_test
 * </pre>
 * Arguments ({@code key=value}, all optional): {@code messages} (50000), {@code warmup} (5000),
 * {@code batch-sizes} (50,200,500), {@code cases} (routed,unrouted), {@code levels} (200),
 * {@code host} (localhost), {@code port} (5672), {@code user}/{@code password} (guest),
 * {@code vhost} (marketdata_test).
 */
public final class BarePublishThroughput {

    static final String QUEUE = "bench.publish-throughput";

    private BarePublishThroughput() {
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
        int messages = Integer.parseInt(args.getOrDefault("messages", "50000"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "5000"));
        int levels = Integer.parseInt(args.getOrDefault("levels", "200"));
        List<Integer> batchSizes = new ArrayList<>();
        for (String b : args.getOrDefault("batch-sizes", "50,200,500").split(",")) {
            batchSizes.add(Integer.parseInt(b.trim()));
        }
        List<String> cases = List.of(args.getOrDefault("cases", "routed,unrouted").split(","));

        // 250 distinct bodies: 5 exchanges × 50 symbols, each with its own routing key
        List<String> keys = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        long seed = 1;
        for (String exchange : SampleData.EXCHANGES) {
            for (String base : SampleData.BASES) {
                MarketDataMessage m = SampleData.message(exchange, base, levels, seed++);
                keys.add(RoutingKeys.marketData(m.exchange(), UnifiedSymbol.of(m.symbol())).replaceFirst("^futures\\.",
                        "futures.bench."));
                bodies.add(Json.toBytes(m));
            }
        }
        double meanBody = bodies.stream().mapToInt(b -> b.length).average().orElse(0);

        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(args.getOrDefault("host", "localhost"));
        factory.setPort(Integer.parseInt(args.getOrDefault("port", "5672")));
        factory.setUsername(args.getOrDefault("user", "guest"));
        factory.setPassword(args.getOrDefault("password", "guest"));
        factory.setVirtualHost(args.getOrDefault("vhost", "marketdata_test"));
        try (Connection connection = factory.newConnection("bare-publish-benchmark")) {
            Channel admin = connection.createChannel();
            admin.exchangeDeclare(Topology.MARKET_DATA_EXCHANGE, BuiltinExchangeType.TOPIC, true);
            for (String c : cases) {
                boolean routed = switch (c.trim()) {
                    case "routed" -> true;
                    case "unrouted" -> false;
                    default -> throw new IllegalArgumentException("unknown case " + c);
                };
                for (int batch : batchSizes) {
                    admin.queueDelete(QUEUE);
                    if (routed) {
                        admin.queueDeclare(QUEUE, true, false, false, null);
                        admin.queueBind(QUEUE, Topology.MARKET_DATA_EXCHANGE, "futures.bench.#");
                    }
                    Channel ch = connection.createChannel();
                    ch.confirmSelect();
                    publish(ch, warmup, batch, keys, bodies); // JIT, connection: not timed
                    if (routed) {
                        admin.queuePurge(QUEUE);
                    }
                    long start = System.nanoTime();
                    long batches = publish(ch, messages, batch, keys, bodies);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long depth = routed ? admin.queueDeclarePassive(QUEUE).getMessageCount() : -1;
                    ch.close();
                    admin.queueDelete(QUEUE);
                    System.out.printf(Locale.ROOT, "BARE-PUBLISH-BENCH case=%s batch=%d messages=%d seconds=%.2f "
                                    + "msgs_per_s=%.0f MB_per_s=%.1f batches=%d confirm_ms=%.2f queue_depth=%d mean_body=%.0f%n",
                            routed ? "routed" : "unrouted", batch, messages, seconds, messages / seconds,
                            messages * meanBody / seconds / 1e6, batches, seconds * 1000 / batches, depth, meanBody);
                    if (routed && depth != messages) {
                        throw new IllegalStateException("queue holds " + depth + " of " + messages + " confirmed messages");
                    }
                    Thread.sleep(2_000); // let the broker settle after deleting the stored messages
                }
            }
        }
    }

    /** Publishes {@code count} messages in batches, waiting for the confirms of each; returns the batch count. */
    private static long publish(Channel ch, int count, int batch, List<String> keys, List<byte[]> bodies)
            throws Exception {
        long batches = 0;
        for (int i = 0; i < count; i += batch) {
            for (int j = i; j < Math.min(count, i + batch); j++) {
                int k = j % keys.size();
                ch.basicPublish(Topology.MARKET_DATA_EXCHANGE, keys.get(k), false, properties("bench-" + j / keys.size()),
                        bodies.get(k));
            }
            ch.waitForConfirmsOrDie(30_000);
            batches++;
        }
        return batches;
    }

    /** The properties the collector's publisher sets on every message. */
    private static AMQP.BasicProperties properties(String correlationId) {
        return MessageProperties.PERSISTENT_BASIC.builder()
                .contentType(Topology.CONTENT_TYPE)
                .contentEncoding("UTF-8")
                .messageId(UUID.randomUUID().toString())
                .correlationId(correlationId)
                .timestamp(new Date())
                .appId("collector-service")
                .headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION))
                .build();
    }
}
