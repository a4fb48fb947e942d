package io.marketdata.contracts.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One durable queue with its dead-letter queue, consumed one message at a time with manual acks
 * (SPEC §4.5): for the token services, where a message's effect is one database transaction.
 *
 * <ul>
 *   <li>The handler returns → the message is acknowledged (its effect must be durable by then).</li>
 *   <li>The handler throws {@link RejectedMessage} → a copy goes to {@code <queue>.dlq} with the reason
 *       header, publisher-confirmed, and only then is the original acknowledged.</li>
 *   <li>A {@link RuntimeException} (usually a bug) is retried like a transient failure, but the same
 *       message failing {@value #MAX_RUNTIME_FAILURES} times in a row is dead-lettered with the reason.</li>
 *   <li>Any other (checked) exception is transient (database down, broker hiccup): the message is not
 *       acknowledged; the consumer waits (1 s doubling to 30 s) and requeues it, so it is retried and
 *       nothing is lost (with prefetch > 1 it may come back after messages that followed it).</li>
 * </ul>
 * It attaches in the background (the broker may start later), re-attaches when the broker closes
 * the channel, and the client's automatic recovery covers lost connections. Plain Java.
 */
public final class QueueConsumer implements AutoCloseable {

    /** Handles one message; see the class comment for what returning and throwing mean. */
    @FunctionalInterface
    public interface Handler {
        void handle(String routingKey, AMQP.BasicProperties properties, byte[] body) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(QueueConsumer.class.getName());
    private static final long MAX_RETRY_DELAY_MS = 30_000;
    /** Attempts of one message failing with a RuntimeException before it is dead-lettered. */
    static final int MAX_RUNTIME_FAILURES = 5;

    private final AmqpSettings amqp;
    private final String clientName;
    private final String queue;
    private final String exchange;
    private final List<String> bindings;
    private final int prefetch;
    private final Handler handler;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private volatile Connection connection;
    private volatile Channel channel;
    private volatile Channel confirmChannel;
    private volatile boolean consuming;
    private long firstRetryDelayMs = 1_000;
    private long maxRetryDelayMs = MAX_RETRY_DELAY_MS;
    private long retryDelayMs = firstRetryDelayMs;
    /** Body hash → runtime failures, for the few messages currently failing (bounded). */
    private final Map<Integer, Integer> runtimeFailures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Integer> eldest) {
            return size() > 1_000;
        }
    };

    /**
     * @param clientName shown in the management UI, e.g. {@code lifecycle-service/consumer}
     * @param queue      durable queue (dead-lettering into {@code <queue>.dlq})
     * @param exchange   topic exchange the bindings are on
     * @param bindings   routing-key patterns
     * @param prefetch   unacknowledged messages the broker may hand over at once
     */
    public QueueConsumer(AmqpSettings amqp, String clientName, String queue, String exchange, List<String> bindings,
                         int prefetch, Handler handler) {
        this.amqp = amqp;
        this.clientName = clientName;
        this.queue = queue;
        this.exchange = exchange;
        this.bindings = List.copyOf(bindings);
        this.prefetch = prefetch;
        this.handler = handler;
    }

    /** Changes the retry back-off (default 1 s doubling to 30 s); call before {@link #start()}. */
    public QueueConsumer retryDelays(java.time.Duration first, java.time.Duration max) {
        firstRetryDelayMs = first.toMillis();
        maxRetryDelayMs = max.toMillis();
        retryDelayMs = firstRetryDelayMs;
        return this;
    }

    /** Attaches in the background, retrying until the broker is there; returns at once. */
    public void start() {
        Thread connector = new Thread(this::attachUntilDone, clientName + "-connect");
        connector.setDaemon(true);
        connector.start();
    }

    private void attachUntilDone() {
        long delay = 1_000;
        while (stopped.getCount() > 0) {
            try {
                attach();
                return;
            } catch (Exception e) {
                LOG.warning(() -> clientName + ": RabbitMQ unavailable (" + amqp.describe() + "): " + e.getMessage());
            }
            try {
                if (stopped.await(delay, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            delay = Math.min(delay * 2, 10_000);
        }
    }

    private void attach() throws Exception {
        Connection conn = connection;
        if (conn == null || !conn.isOpen()) {
            conn = amqp.open(clientName, true);
            if (conn instanceof Recoverable recoverable) {
                recoverable.addRecoveryListener(new RecoveryListener() {
                    @Override
                    public void handleRecovery(Recoverable r) {
                        consuming = true;
                    }

                    @Override
                    public void handleRecoveryStarted(Recoverable r) {
                        consuming = false;
                    }
                });
            }
            connection = conn;
        }
        Channel ch = conn.createChannel();
        ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        DeadLetters.declareQueueWithDeadLetters(ch, queue);
        for (String binding : bindings) {
            ch.queueBind(queue, exchange, binding);
        }
        ch.basicQos(prefetch);
        Channel confirms = conn.createChannel();
        confirms.confirmSelect();
        confirmChannel = confirms;
        channel = ch;
        ch.addShutdownListener(cause -> {
            consuming = false;
            // automatic recovery handles lost connections; a channel the broker closed it does not
            if (stopped.getCount() > 0 && !cause.isHardError() && !cause.isInitiatedByApplication()) {
                LOG.warning(() -> clientName + ": channel closed by the broker (" + cause.getMessage() + "); re-attaching");
                start();
            }
        });
        ch.basicConsume(queue, false, clientName, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                deliver(getChannel(), envelope, props, body);
            }
        });
        consuming = true;
        LOG.info(() -> clientName + ": consuming " + queue + " " + bindings + " from " + amqp.describe());
    }

    private void deliver(Channel ch, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        long tag = envelope.getDeliveryTag();
        try {
            if (handle(envelope, props, body)) {
                ch.basicAck(tag, false);
            } else {
                ch.basicNack(tag, false, true);
            }
        } catch (IOException | RuntimeException e) {
            // the channel is gone: the broker redelivers the message (its effect is idempotent or not yet done)
            LOG.log(Level.WARNING, clientName + ": settling delivery " + tag + " failed: " + e.getMessage());
        }
    }

    /** Runtime failures of this message body so far, including this one (only the handler thread calls it). */
    private int failuresOf(byte[] body) {
        return runtimeFailures.merge(java.util.Arrays.hashCode(body), 1, Integer::sum);
    }

    /** @return true to acknowledge (handled or dead-lettered), false to requeue after the back-off */
    private boolean handle(Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        try {
            handler.handle(envelope.getRoutingKey(), props, body);
            handled.incrementAndGet();
            retryDelayMs = firstRetryDelayMs;
            if (!runtimeFailures.isEmpty()) {
                runtimeFailures.remove(java.util.Arrays.hashCode(body));
            }
            return true;
        } catch (RejectedMessage rejected) {
            try {
                deadLetter(envelope, props, body, rejected.getMessage());
                return true;
            } catch (IOException e) {
                LOG.warning(() -> clientName + ": dead-lettering failed (" + e.getMessage() + "); requeued");
            }
        } catch (RuntimeException bug) {
            // A programming error repeats on every attempt: retried a few times (it may be a
            // transient runtime failure), then parked with the reason instead of blocking the queue.
            if (failuresOf(body) >= MAX_RUNTIME_FAILURES) {
                try {
                    deadLetter(envelope, props, body, "failed " + MAX_RUNTIME_FAILURES + " times: " + bug);
                    runtimeFailures.remove(java.util.Arrays.hashCode(body));
                    return true;
                } catch (IOException e) {
                    LOG.warning(() -> clientName + ": dead-lettering failed (" + e.getMessage() + "); requeued");
                }
            } else {
                retried.incrementAndGet();
                LOG.warning(() -> clientName + ": handling " + envelope.getRoutingKey() + " failed (" + bug
                        + "); requeued, retrying in " + retryDelayMs + " ms");
            }
        } catch (Exception transientFailure) {
            retried.incrementAndGet();
            LOG.warning(() -> clientName + ": handling " + envelope.getRoutingKey() + " failed (" + transientFailure
                    + "); requeued, retrying in " + retryDelayMs + " ms");
        }
        try {
            if (!stopped.await(retryDelayMs, TimeUnit.MILLISECONDS)) {
                retryDelayMs = Math.min(maxRetryDelayMs, retryDelayMs * 2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void deadLetter(Envelope envelope, AMQP.BasicProperties props, byte[] body, String reason) throws IOException {
        Channel confirms = confirmChannel;
        DeadLetters.publish(confirms, queue, envelope.getRoutingKey(), props, body, reason);
        try {
            confirms.waitForConfirmsOrDie(10_000);
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IOException("dead letter not confirmed: " + e.getMessage(), e);
        }
        deadLettered.incrementAndGet();
        LOG.warning(() -> clientName + ": dead-lettered " + envelope.getRoutingKey() + ": " + reason);
    }

    /** True while deliveries are flowing (for readiness checks). */
    public boolean consuming() {
        Channel ch = channel;
        return consuming && ch != null && ch.isOpen();
    }

    public String queue() {
        return queue;
    }

    /** Messages handled and acknowledged. */
    public long handled() {
        return handled.get();
    }

    /** Messages sent to the dead-letter queue. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Transient failures (each requeued once). */
    public long retried() {
        return retried.get();
    }

    /** Stops deliveries and closes the connection; an unfinished message is redelivered later. */
    @Override
    public void close() {
        stopped.countDown();
        consuming = false;
        Channel ch = channel;
        try {
            if (ch != null && ch.isOpen()) {
                ch.basicCancel(clientName);   // no new deliveries while the connection closes
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> clientName + ": cancel at close: " + e.getMessage());
        }
        Connection conn = connection;
        if (conn != null && conn.isOpen()) {
            try {
                conn.close(2_000);
            } catch (IOException | RuntimeException e) {
                conn.abort();
            }
        }
    }
}
