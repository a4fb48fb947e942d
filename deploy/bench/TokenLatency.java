import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Taps token_events for a while and reports, per token migrated during the tap, the time from its
 * token.created (migrated_at: the collector's receipt of the migration frame) to the arrival of its
 * first score.updated here, and counts per routing key and status transition. Used by
 * deploy/bench/token-latency.sh on a running demo.
 *
 *   java -cp <amqp-client, slf4j-api, jackson jars> TokenLatency.java host port vhost user password seconds
 */
public class TokenLatency {
    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(args[0]);
        factory.setPort(Integer.parseInt(args[1]));
        factory.setVirtualHost(args[2]);
        factory.setUsername(args[3]);
        factory.setPassword(args[4]);
        long seconds = Long.parseLong(args[5]);
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> firstScore = new ConcurrentHashMap<>();
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        long start = System.currentTimeMillis();
        try (Connection conn = factory.newConnection("token-latency")) {
            Channel ch = conn.createChannel();
            ch.exchangeDeclare("token_events", "topic", true);
            String queue = ch.queueDeclare("", false, true, true, null).getQueue();
            ch.queueBind(queue, "token_events", "#");
            ch.basicConsume(queue, true, (tag, d) -> {
                long now = System.currentTimeMillis();
                String key = d.getEnvelope().getRoutingKey();
                JsonNode body = json.readTree(d.getBody());
                String mint = body.path("mint").asText();
                String label = key.equals("token.status_changed")
                        ? key + " " + body.path("old_status").asText() + "->" + body.path("new_status").asText() : key;
                counts.merge(label, 1, Integer::sum);
                if (key.equals("token.created")) {
                    created.putIfAbsent(mint, body.path("migrated_at").asLong());
                } else if (key.equals("score.updated")) {
                    firstScore.putIfAbsent(mint, now);
                }
            }, tag -> { });
            Thread.sleep(seconds * 1000);
        }
        List<Long> latencies = new ArrayList<>();
        created.forEach((mint, at) -> {
            Long scored = firstScore.get(mint);
            if (scored != null && at >= start) {
                latencies.add(scored - at);
            }
        });
        latencies.sort(Long::compare);
        new java.util.TreeMap<>(counts).forEach((k, v) -> System.out.printf("%-45s %d%n", k, v));
        if (latencies.isEmpty()) {
            System.out.println("no token migrated and scored during the tap");
        } else {
            int n = latencies.size();
            System.out.printf("migration -> first score.updated over %d tokens: min %d ms, median %d ms, p90 %d ms, max %d ms%n",
                    n, latencies.get(0), latencies.get(n / 2), latencies.get(Math.min(n - 1, (int) Math.ceil(n * 0.9) - 1)),
                    latencies.get(n - 1));
        }
    }
}
