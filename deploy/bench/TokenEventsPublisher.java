import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Feeds token events to one collector queue for deploy/bench/dexscreener-load.sh: reads lines
 * {@code <routing key><TAB><JSON body>} from stdin and publishes them, persistent and confirmed, to a
 * private direct exchange bound only to {@code queue} (so no other service's queue on the vhost sees
 * them), with the routing keys the collector expects ({@code token.status_changed}, …). Waits up to
 * 60 s for the collector to declare its queue. A single-file source program with the RabbitMQ client
 * jars of the collector's quarkus-app on the class path:
 *
 * <pre>
 * java -cp "$LIB/com.rabbitmq.amqp-client-*.jar:$LIB/org.slf4j.slf4j-api-*.jar" deploy/bench/TokenEventsPublisher.java \
 *     localhost 5672 marketdata_test guest guest collector.token_events.bench &lt; events.tsv
 * </pre>
 * stdout: {@code published <n>}.
 */
public class TokenEventsPublisher {

    private static final String EXCHANGE = "collector.bench.token_events";
    private static final List<String> KEYS = List.of("token.status_changed", "score.updated", "token.refresh_requested");

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: TokenEventsPublisher host port vhost user password queue < events.tsv");
            System.exit(2);
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(args[0]);
        factory.setPort(Integer.parseInt(args[1]));
        factory.setVirtualHost(args[2]);
        factory.setUsername(args[3]);
        factory.setPassword(args[4]);
        String queue = args[5];
        try (Connection connection = factory.newConnection("dexscreener-bench")) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (true) {
                Channel probe = connection.createChannel();
                try {
                    probe.queueDeclarePassive(queue);
                    probe.close();
                    break;
                } catch (java.io.IOException notYet) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("queue " + queue + " not declared within 60 s");
                    }
                    Thread.sleep(500);
                }
            }
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(EXCHANGE, BuiltinExchangeType.DIRECT, false);
            for (String key : KEYS) {
                channel.queueBind(queue, EXCHANGE, key);
            }
            channel.confirmSelect();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            long published = 0;
            String line;
            while ((line = in.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    continue;
                }
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
                        .deliveryMode(2).messageId(UUID.randomUUID().toString()).correlationId("bench-" + published)
                        .timestamp(new Date()).headers(Map.of("schema_version", "1")).build();
                channel.basicPublish(EXCHANGE, line.substring(0, tab), props,
                        line.substring(tab + 1).getBytes(StandardCharsets.UTF_8));
                published++;
            }
            channel.waitForConfirmsOrDie(30_000);
            System.out.println("published " + published);
        }
    }
}
