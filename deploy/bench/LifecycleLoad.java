import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Token-event throughput of lifecycle-service, for deploy/bench/lifecycle-load.sh. Publishes, persistent
 * and confirmed, {@code tokens} × token.created, then {@code tokens} × ({@code snapshots} − 1) token.metrics
 * that change figures but activate nothing, then one activating token.metrics per token (a tradeable pool
 * of $5,000 and 400 h1 transactions, over the seed thresholds), all on a private direct exchange bound only
 * to the service's {@code queue} (no other queue of the vhost sees them). It counts the service's
 * {@code token.status_changed} → active of these mints on a tap queue of its own: when every token is
 * active, every message before has been handled (the queue is consumed in order). A single-file source
 * program with the RabbitMQ client jar of a quarkus-app on the class path:
 *
 * <pre>
 * java -cp "$LIB/com.rabbitmq.amqp-client-*.jar:$LIB/org.slf4j.slf4j-api-*.jar" deploy/bench/LifecycleLoad.java \
 *     localhost 5672 marketdata_bench guest guest lifecycle.token_events.bench 500 10
 * </pre>
 * stdout: {@code messages <n> elapsed_ms <t> rate <msgs/s>}.
 */
public class LifecycleLoad {

    private static final String EXCHANGE = "lifecycle.bench.token_events";
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: LifecycleLoad host port vhost user password queue tokens snapshots");
            System.exit(2);
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(args[0]);
        factory.setPort(Integer.parseInt(args[1]));
        factory.setVirtualHost(args[2]);
        factory.setUsername(args[3]);
        factory.setPassword(args[4]);
        String queue = args[5];
        int tokens = Integer.parseInt(args[6]);
        int snapshots = Integer.parseInt(args[7]);
        List<String> mints = new ArrayList<>();
        for (int i = 0; i < tokens; i++) {
            mints.add(mint());
        }
        Set<String> pending = new HashSet<>(mints);
        CountDownLatch allActive = new CountDownLatch(tokens);
        try (Connection connection = factory.newConnection("lifecycle-bench")) {
            Channel tap = connection.createChannel();
            String tapQueue = tap.queueDeclare("", false, true, true, null).getQueue();
            tap.queueBind(tapQueue, "token_events", "token.status_changed");
            DeliverCallback onEvent = (tag, delivery) -> {
                String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
                if (body.contains("\"new_status\":\"active\"")) {
                    int at = body.indexOf("\"mint\":\"");
                    String mint = at < 0 ? "" : body.substring(at + 8, body.indexOf('"', at + 8));
                    synchronized (pending) {
                        if (pending.remove(mint)) {
                            allActive.countDown();
                        }
                    }
                }
            };
            tap.basicConsume(tapQueue, true, onEvent, tag -> { });

            Channel channel = connection.createChannel();
            channel.queueDeclarePassive(queue);
            channel.exchangeDeclare(EXCHANGE, BuiltinExchangeType.DIRECT, false, true, null);
            channel.queueBind(queue, EXCHANGE, "token.created");
            channel.queueBind(queue, EXCHANGE, "token.metrics");
            channel.confirmSelect();
            long fetchedAt = System.currentTimeMillis();
            long start = System.nanoTime();
            long published = 0;
            for (String mint : mints) {
                publish(channel, "token.created", created(mint, fetchedAt), published++);
            }
            for (int s = 1; s <= snapshots; s++) {
                boolean last = s == snapshots;
                for (String mint : mints) {
                    publish(channel, "token.metrics", metrics(mint, fetchedAt + s, last ? 400 : 10 + s, last ? 5_000 : 100), published++);
                }
                channel.waitForConfirmsOrDie(60_000);
            }
            long publishedMs = (System.nanoTime() - start) / 1_000_000;
            if (!allActive.await(600, TimeUnit.SECONDS)) {
                System.err.println("timed out: " + allActive.getCount() + " of " + tokens + " tokens not active");
                System.exit(1);
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            channel.queueUnbind(queue, EXCHANGE, "token.created");
            channel.queueUnbind(queue, EXCHANGE, "token.metrics");
            System.out.printf("messages %d published_ms %d elapsed_ms %d rate %.0f%n", published, publishedMs, elapsedMs,
                    published * 1000.0 / elapsedMs);
        }
    }

    private static void publish(Channel channel, String key, String body, long n) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2)
                .messageId(UUID.randomUUID().toString()).correlationId("lifecycle-bench-" + n).timestamp(new Date())
                .headers(Map.of("schema_version", "1")).build();
        channel.basicPublish(EXCHANGE, key, props, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String created(String mint, long migratedAt) {
        return "{\"mint\":\"" + mint + "\",\"name\":\"bench " + mint.substring(0, 6) + "\",\"symbol\":\"BNCH\","
                + "\"signature\":\"sig" + mint + "\",\"venue\":\"pump-amm\",\"migrated_at\":" + migratedAt + "}";
    }

    private static String metrics(String mint, long fetchedAt, long h1Transactions, double liquidityUsd) {
        long buys = h1Transactions / 2;
        String h1 = window(buys, h1Transactions - buys, 1_500.0);
        return "{\"mint\":\"" + mint + "\",\"fetched_at\":" + fetchedAt + ",\"price_usd\":0.0012,\"fdv\":1200000.0,"
                + "\"pools\":[{\"address\":\"" + mint.substring(0, 32) + "\",\"dex\":\"raydium\",\"labels\":[\"CPMM\"],"
                + "\"liquidity_usd\":" + liquidityUsd + ",\"quote_symbol\":\"SOL\","
                + "\"quote_address\":\"So11111111111111111111111111111111111111112\",\"price_usd\":0.0012,\"tradeable\":true},"
                + "{\"address\":\"" + mint.substring(1, 33) + "\",\"dex\":\"pumpfun\",\"labels\":[\"bonding-curve\"],"
                + "\"liquidity_usd\":300.0,\"quote_symbol\":\"SOL\",\"quote_address\":null,\"price_usd\":0.0011,"
                + "\"tradeable\":false}],"
                + "\"windows\":{\"m5\":" + window(buys / 12, (h1Transactions - buys) / 12, 120.0) + ",\"h1\":" + h1
                + ",\"h6\":" + h1 + ",\"h24\":" + h1 + "},\"data_quality\":[]}";
    }

    private static String window(long buys, long sells, double volumeUsd) {
        return "{\"buys\":" + buys + ",\"sells\":" + sells + ",\"volume_usd\":" + volumeUsd + "}";
    }

    private static String mint() {
        StringBuilder b = new StringBuilder(44);
        for (int i = 0; i < 44; i++) {
            b.append(BASE58.charAt(RANDOM.nextInt(BASE58.length())));
        }
        return b.toString();
    }
}
