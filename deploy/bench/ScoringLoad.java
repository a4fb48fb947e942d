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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Token-event throughput of scoring-service, for deploy/bench/token-service-load.sh. Publishes, persistent
 * and confirmed, {@code tokens} × {@code snapshots} token.metrics (each a newer snapshot of its token, two
 * pools, figures changing per round) on a private direct exchange bound only to the service's {@code queue}
 * (no other queue of the vhost sees them), and counts the service's {@code score.updated} of these mints on a
 * tap queue of its own until every snapshot was scored once. Mints start with {@code BNCH} (the script
 * deletes their rows afterwards). A single-file source program with the RabbitMQ client jar of a
 * quarkus-app on the class path:
 *
 * <pre>
 * java -cp "$LIB/com.rabbitmq.amqp-client-*.jar:$LIB/org.slf4j.slf4j-api-*.jar" deploy/bench/ScoringLoad.java \
 *     localhost 5672 marketdata_bench guest guest scoring.token_events.bench 500 10
 * </pre>
 * stdout: {@code messages <n> published_ms <t> elapsed_ms <t> rate <msgs/s>}.
 */
public class ScoringLoad {

    private static final String EXCHANGE = "scoring.bench.token_events";
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: ScoringLoad host port vhost user password queue tokens snapshots");
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
        Map<String, Integer> missing = new HashMap<>();
        for (int i = 0; i < tokens; i++) {
            String mint = mint();
            mints.add(mint);
            missing.put(mint, snapshots);
        }
        CountDownLatch allScored = new CountDownLatch(tokens * snapshots);
        try (Connection connection = factory.newConnection("scoring-bench")) {
            Channel tap = connection.createChannel();
            String tapQueue = tap.queueDeclare("", false, true, true, null).getQueue();
            tap.queueBind(tapQueue, "token_events", "score.updated");
            DeliverCallback onScore = (tag, delivery) -> {
                String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
                int at = body.indexOf("\"mint\":\"");
                String mint = at < 0 ? "" : body.substring(at + 8, body.indexOf('"', at + 8));
                synchronized (missing) {
                    Integer left = missing.get(mint);
                    if (left != null && left > 0) {
                        missing.put(mint, left - 1);
                        allScored.countDown();
                    }
                }
            };
            tap.basicConsume(tapQueue, true, onScore, tag -> { });

            Channel channel = connection.createChannel();
            channel.queueDeclarePassive(queue);
            channel.exchangeDeclare(EXCHANGE, BuiltinExchangeType.DIRECT, false, true, null);
            channel.queueBind(queue, EXCHANGE, "token.metrics");
            channel.confirmSelect();
            long fetchedAt = System.currentTimeMillis();
            long start = System.nanoTime();
            long published = 0;
            for (int s = 1; s <= snapshots; s++) {
                for (String mint : mints) {
                    publish(channel, metrics(mint, fetchedAt + s, 100 + 10 * s, 5_000 + 100 * s), published++);
                }
                channel.waitForConfirmsOrDie(60_000);
            }
            long publishedMs = (System.nanoTime() - start) / 1_000_000;
            if (!allScored.await(600, TimeUnit.SECONDS)) {
                System.err.println("timed out: " + allScored.getCount() + " of " + published + " snapshots not scored");
                System.exit(1);
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            channel.queueUnbind(queue, EXCHANGE, "token.metrics");
            System.out.printf("messages %d published_ms %d elapsed_ms %d rate %.0f%n", published, publishedMs, elapsedMs,
                    published * 1000.0 / elapsedMs);
        }
    }

    private static void publish(Channel channel, String body, long n) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2)
                .messageId(UUID.randomUUID().toString()).correlationId("scoring-bench-" + n).timestamp(new Date())
                .headers(Map.of("schema_version", "1")).build();
        channel.basicPublish(EXCHANGE, "token.metrics", props, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String metrics(String mint, long fetchedAt, long h1Transactions, double volumeUsd) {
        long buys = h1Transactions / 2;
        String h1 = window(buys, h1Transactions - buys, volumeUsd);
        return "{\"mint\":\"" + mint + "\",\"fetched_at\":" + fetchedAt + ",\"price_usd\":0.0012,\"fdv\":1200000.0,"
                + "\"migrated_at\":" + (fetchedAt - 600_000) + ","
                + "\"pools\":[{\"address\":\"" + mint.substring(0, 32) + "\",\"dex\":\"raydium\",\"labels\":[\"CPMM\"],"
                + "\"liquidity_usd\":20000.0,\"quote_symbol\":\"SOL\","
                + "\"quote_address\":\"So11111111111111111111111111111111111111112\",\"price_usd\":0.0012,\"tradeable\":true},"
                + "{\"address\":\"" + mint.substring(1, 33) + "\",\"dex\":\"pumpfun\",\"labels\":[\"bonding-curve\"],"
                + "\"liquidity_usd\":300.0,\"quote_symbol\":\"SOL\",\"quote_address\":null,\"price_usd\":0.0011,"
                + "\"tradeable\":false}],"
                + "\"windows\":{\"m5\":" + window(buys / 12, (h1Transactions - buys) / 12, volumeUsd / 12) + ",\"h1\":" + h1
                + ",\"h6\":" + window(buys * 6, (h1Transactions - buys) * 6, volumeUsd * 6)
                + ",\"h24\":" + window(buys * 24, (h1Transactions - buys) * 24, volumeUsd * 24) + "},\"data_quality\":[]}";
    }

    private static String window(long buys, long sells, double volumeUsd) {
        return "{\"buys\":" + buys + ",\"sells\":" + sells + ",\"volume_usd\":" + volumeUsd + "}";
    }

    private static String mint() {
        StringBuilder b = new StringBuilder("BNCH");
        while (b.length() < 44) {
            b.append(BASE58.charAt(RANDOM.nextInt(BASE58.length())));
        }
        return b.toString();
    }
}
