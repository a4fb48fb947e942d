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
 * Token-event throughput of lifecycle-service or scoring-service, for deploy/bench/token-service-load.sh.
 * Everything is published persistent and confirmed on a private direct exchange bound only to the service's
 * {@code queue} (no other queue of the vhost sees it); what the service announces is counted on a tap queue
 * of this program's own. Mints start with {@code BNCH}; lifecycle's tokens are named "bench …" (the script
 * deletes the rows afterwards).
 * <ul>
 *   <li>{@code lifecycle}: {@code tokens} × token.created, then {@code tokens} × ({@code snapshots} − 1)
 *       token.metrics that change figures but activate nothing, then one activating token.metrics per token
 *       (a tradeable pool of $5,000 and 400 h1 transactions, over the seed thresholds). Done when every
 *       token's {@code token.status_changed} → active arrived: every message before it was handled (the queue
 *       is consumed in order).</li>
 *   <li>{@code scoring}: {@code tokens} × {@code snapshots} token.metrics, each a newer snapshot of its token
 *       with changing figures. Done when every snapshot's {@code score.updated} arrived.</li>
 * </ul>
 * A single-file source program with the RabbitMQ client jar of a quarkus-app on the class path:
 *
 * <pre>
 * java -cp "$LIB/com.rabbitmq.amqp-client-*.jar:$LIB/org.slf4j.slf4j-api-*.jar" deploy/bench/TokenServiceLoad.java \
 *     scoring localhost 5672 marketdata_bench guest guest scoring.token_events.bench 500 10
 * </pre>
 * stdout: {@code messages <n> published_ms <t> elapsed_ms <t> rate <msgs/s>}.
 */
public class TokenServiceLoad {

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        if (args.length != 9 || !(args[0].equals("lifecycle") || args[0].equals("scoring"))) {
            System.err.println("usage: TokenServiceLoad lifecycle|scoring host port vhost user password queue tokens snapshots");
            System.exit(2);
        }
        boolean lifecycle = args[0].equals("lifecycle");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(args[1]);
        factory.setPort(Integer.parseInt(args[2]));
        factory.setVirtualHost(args[3]);
        factory.setUsername(args[4]);
        factory.setPassword(args[5]);
        String queue = args[6];
        int tokens = Integer.parseInt(args[7]);
        int snapshots = Integer.parseInt(args[8]);
        String exchange = args[0] + ".bench.token_events";
        int perMint = lifecycle ? 1 : snapshots; // announcements awaited per mint
        List<String> mints = new ArrayList<>();
        Map<String, Integer> missing = new HashMap<>();
        for (int i = 0; i < tokens; i++) {
            String mint = mint();
            mints.add(mint);
            missing.put(mint, perMint);
        }
        CountDownLatch done = new CountDownLatch(tokens * perMint);
        try (Connection connection = factory.newConnection(args[0] + "-bench")) {
            Channel tap = connection.createChannel();
            String tapQueue = tap.queueDeclare("", false, true, true, null).getQueue();
            tap.queueBind(tapQueue, "token_events", lifecycle ? "token.status_changed" : "score.updated");
            DeliverCallback onEvent = (tag, delivery) -> {
                String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
                if (lifecycle && !body.contains("\"new_status\":\"active\"")) {
                    return;
                }
                int at = body.indexOf("\"mint\":\"");
                String mint = at < 0 ? "" : body.substring(at + 8, body.indexOf('"', at + 8));
                synchronized (missing) {
                    Integer left = missing.get(mint);
                    if (left != null && left > 0) {
                        missing.put(mint, left - 1);
                        done.countDown();
                    }
                }
            };
            tap.basicConsume(tapQueue, true, onEvent, tag -> { });

            Channel channel = connection.createChannel();
            channel.queueDeclarePassive(queue);
            channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, false, true, null);
            List<String> keys = lifecycle ? List.of("token.created", "token.metrics") : List.of("token.metrics");
            for (String key : keys) {
                channel.queueBind(queue, exchange, key);
            }
            channel.confirmSelect();
            long fetchedAt = System.currentTimeMillis();
            long start = System.nanoTime();
            long published = 0;
            if (lifecycle) {
                for (String mint : mints) {
                    publish(channel, exchange, "token.created", created(mint, fetchedAt), published++);
                }
            }
            for (int s = 1; s <= snapshots; s++) {
                boolean activating = lifecycle && s == snapshots;
                for (String mint : mints) {
                    String body = lifecycle
                            ? metrics(mint, fetchedAt + s, activating ? 400 : 10 + s, activating ? 5_000 : 100, 1_500)
                            : metrics(mint, fetchedAt + s, 100 + 10 * s, 20_000, 5_000 + 100 * s);
                    publish(channel, exchange, "token.metrics", body, published++);
                }
                channel.waitForConfirmsOrDie(60_000);
            }
            long publishedMs = (System.nanoTime() - start) / 1_000_000;
            if (!done.await(600, TimeUnit.SECONDS)) {
                System.err.println("timed out: " + done.getCount() + " of " + tokens * perMint + " announcements missing");
                System.exit(1);
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            for (String key : keys) {
                channel.queueUnbind(queue, exchange, key);
            }
            System.out.printf("messages %d published_ms %d elapsed_ms %d rate %.0f%n", published, publishedMs, elapsedMs,
                    published * 1000.0 / elapsedMs);
        }
    }

    private static void publish(Channel channel, String exchange, String key, String body, long n) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2)
                .messageId(UUID.randomUUID().toString()).correlationId("bench-" + n).timestamp(new Date())
                .headers(Map.of("schema_version", "1")).build();
        channel.basicPublish(exchange, key, props, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String created(String mint, long migratedAt) {
        return "{\"mint\":\"" + mint + "\",\"name\":\"bench " + mint.substring(4, 10) + "\",\"symbol\":\"BNCH\","
                + "\"signature\":\"sig" + mint + "\",\"venue\":\"pump-amm\",\"migrated_at\":" + migratedAt + "}";
    }

    /** Two pools (one tradeable with the given liquidity), h6 and h24 windows nesting h1 (× 6, × 24). */
    private static String metrics(String mint, long fetchedAt, long h1Transactions, double liquidityUsd, double volumeUsd) {
        long buys = h1Transactions / 2;
        long sells = h1Transactions - buys;
        return "{\"mint\":\"" + mint + "\",\"fetched_at\":" + fetchedAt + ",\"price_usd\":0.0012,\"fdv\":1200000.0,"
                + "\"pools\":[{\"address\":\"" + mint.substring(0, 32) + "\",\"dex\":\"raydium\",\"labels\":[\"CPMM\"],"
                + "\"liquidity_usd\":" + liquidityUsd + ",\"quote_symbol\":\"SOL\","
                + "\"quote_address\":\"So11111111111111111111111111111111111111112\",\"price_usd\":0.0012,\"tradeable\":true},"
                + "{\"address\":\"" + mint.substring(1, 33) + "\",\"dex\":\"pumpfun\",\"labels\":[\"bonding-curve\"],"
                + "\"liquidity_usd\":300.0,\"quote_symbol\":\"SOL\",\"quote_address\":null,\"price_usd\":0.0011,"
                + "\"tradeable\":false}],"
                + "\"windows\":{\"m5\":" + window(buys / 12, sells / 12, volumeUsd / 12) + ",\"h1\":" + window(buys, sells, volumeUsd)
                + ",\"h6\":" + window(buys * 6, sells * 6, volumeUsd * 6)
                + ",\"h24\":" + window(buys * 24, sells * 24, volumeUsd * 24) + "},\"data_quality\":[]}";
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
