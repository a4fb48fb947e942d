import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumes everything the collector publishes during a benchmark run and counts it: an exclusive,
 * auto-deleted queue bound to {@code futures_data} with the given binding keys (default
 * {@code futures.#} and {@code spot.#}). On SIGTERM/SIGINT it prints one summary line and exits.
 * Launched by deploy/bench/collector-load.sh as a single-file source program (no build step), with the
 * RabbitMQ client jars of the collector's own quarkus-app on the class path:
 *
 * <pre>
 * java -cp "$LIB/com.rabbitmq.amqp-client-*.jar:$LIB/org.slf4j.slf4j-api-*.jar" deploy/bench/QueueCounter.java \
 *     localhost 5672 marketdata_test guest guest futures.# spot.#
 * </pre>
 * stdout: {@code ready queue=<name>} once bound, then at the end
 * {@code consumed total=<n> bytes=<n> futures=<n> spot=<n> redelivered=<n>}.
 */
public class QueueCounter {

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: QueueCounter host port vhost user password [binding-key ...]");
            System.exit(2);
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(args[0]);
        factory.setPort(Integer.parseInt(args[1]));
        factory.setVirtualHost(args[2]);
        factory.setUsername(args[3]);
        factory.setPassword(args[4]);
        String[] keys = args.length > 5 ? java.util.Arrays.copyOfRange(args, 5, args.length)
                : new String[] {"futures.#", "spot.#"};

        AtomicLong total = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong redelivered = new AtomicLong();
        Map<String, AtomicLong> byPrefix = new TreeMap<>();
        for (String key : keys) {
            byPrefix.put(key.split("\\.", 2)[0], new AtomicLong());
        }

        Connection connection = factory.newConnection("benchmark-queue-counter");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare("futures_data", BuiltinExchangeType.TOPIC, true);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        for (String key : keys) {
            channel.queueBind(queue, "futures_data", key);
        }
        channel.basicQos(500);
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws java.io.IOException {
                total.incrementAndGet();
                bytes.addAndGet(body.length);
                if (envelope.isRedeliver()) {
                    redelivered.incrementAndGet();
                }
                AtomicLong counter = byPrefix.get(envelope.getRoutingKey().split("\\.", 2)[0]);
                if (counter != null) {
                    counter.incrementAndGet();
                }
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        });
        System.out.println("ready queue=" + queue);
        System.out.flush();

        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(500); // deliveries already on their way
                connection.close(2_000);
            } catch (Exception ignored) {
                // exiting anyway
            }
            StringBuilder line = new StringBuilder("consumed total=").append(total.get()).append(" bytes=")
                    .append(bytes.get());
            byPrefix.forEach((prefix, n) -> line.append(' ').append(prefix).append('=').append(n.get()));
            line.append(" redelivered=").append(redelivered.get());
            System.out.println(line);
            System.out.flush();
            done.countDown();
        }));
        done.await();
    }
}
