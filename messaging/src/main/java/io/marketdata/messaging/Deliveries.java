package io.marketdata.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * What a consumer of a durable work queue does with each delivery of its incoming channel (SPEC §4.5),
 * so every service settles messages the same way:
 * <ul>
 *   <li>the handler returns: the message is acknowledged (its effect is durable by then);</li>
 *   <li>it throws {@link RejectedMessage}, or PostgreSQL refuses the data (SQLState class 22 or 23, which
 *       fails the same way every time): a copy goes to {@code <queue>.dlq} with the reason, and the original
 *       is acknowledged once that dead letter is confirmed (rejected into the queue's DLX if it is not);</li>
 *   <li>a {@link RuntimeException} (a bug) is retried, and dead-lettered after {@value #MAX_BUG_ATTEMPTS} attempts;</li>
 *   <li>any other database failure (another SQLState, a refused or closed connection, a pool timeout), checked
 *       or unchecked, and any other checked exception (a dependency away) is retried in place with back-off,
 *       1 s doubling to 30 s, without spending that budget: never acknowledged before it succeeded;</li>
 *   <li>at shutdown an unfinished message is requeued, not dead-lettered.</li>
 * </ul>
 * A database failure is recognised in the exception's cause chain ({@link DatabaseFailure}), so the rules are the
 * same for blocking JDBC and for Hibernate Reactive awaited on the worker thread.
 * Handling runs on one worker thread per channel (it does JDBC or awaits reactive work and waits out outages,
 * never on the event loop), so with {@code max-outstanding-messages} = 1 messages are handled in queue order. The channel needs
 * {@code content-type-override=application/octet-stream} (raw bytes) and {@code failure-strategy=reject}.
 */
public final class Deliveries implements AutoCloseable {

    /** Handles one message body; see the class comment for what returning and throwing mean. */
    @FunctionalInterface
    public interface Handler {
        void handle(String routingKey, String correlationId, byte[] body) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(Deliveries.class);
    public static final int MAX_BUG_ATTEMPTS = 5;
    private static final long FIRST_RETRY_MS = 1_000;
    private static final long MAX_RETRY_MS = 30_000;

    private final String queue;
    private final Handler handler;
    private final DeadLetters deadLetters;
    private final ExecutorService worker;
    private final Counter handled;
    private final Counter deadLettered;
    private final Counter retried;
    private volatile boolean stopping;

    /**
     * @param queue        the channel's queue (dead letters go to {@code <queue>.dlq})
     * @param metricPrefix e.g. {@code lifecycle_messages}: gives {@code _handled_total}, {@code _dead_lettered_total}
     *                     and {@code _retried_total}
     */
    public Deliveries(String queue, Handler handler, DeadLetters deadLetters, MeterRegistry registry, String metricPrefix) {
        this.queue = queue;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.worker = Executors.newSingleThreadExecutor(r -> new Thread(r, queue + "-handler"));
        this.handled = Counter.builder(metricPrefix + "_handled_total")
                .description("Messages of " + queue + " handled and acknowledged").register(registry);
        this.deadLettered = Counter.builder(metricPrefix + "_dead_lettered_total")
                .description("Messages of " + queue + " sent to " + queue + ".dlq with the reason").register(registry);
        this.retried = Counter.builder(metricPrefix + "_retried_total")
                .description("Attempts on " + queue + " retried after a failure (database down, unexpected error)")
                .register(registry);
    }

    /** What became of one message after its attempts. */
    private record Outcome(String deadLetterReason, boolean requeue) {
        static final Outcome HANDLED = new Outcome(null, false);
        static final Outcome REQUEUE = new Outcome(null, true);
    }

    /** Handles and settles one delivery; return it from the {@code @Incoming} method. */
    public Uni<Void> process(Message<byte[]> message) {
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
        byte[] body = DeadLetters.bytes(message.getPayload());
        String routingKey = metadata == null || metadata.getRoutingKey() == null ? "" : metadata.getRoutingKey();
        String correlationId = metadata == null ? null : metadata.getCorrelationId().orElse(null);
        return Uni.createFrom().item(() -> attempt(routingKey, correlationId, body)).runSubscriptionOn(worker)
                .onFailure().recoverWithItem(e -> Outcome.REQUEUE)
                .chain(outcome -> {
                    if (outcome.requeue()) {
                        return Uni.createFrom().completionStage(message.nack(new IllegalStateException("shutting down"),
                                Metadata.of(new RabbitMQRejectMetadata(true))));
                    }
                    if (outcome.deadLetterReason() == null) {
                        handled.increment();
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    return deadLetters.send(queue, metadata, body, outcome.deadLetterReason())
                            .invoke(() -> {
                                deadLettered.increment();
                                LOG.warnf("%s: %s dead-lettered: %s", queue, routingKey, outcome.deadLetterReason());
                            })
                            .chain(() -> Uni.createFrom().completionStage(message.ack()))
                            // the dead letter was not confirmed: reject it (the queue's DLX still keeps it, without the reason)
                            .onFailure().recoverWithUni(e -> Uni.createFrom().completionStage(message.nack(e)));
                });
    }

    private Outcome attempt(String routingKey, String correlationId, byte[] body) {
        long delay = FIRST_RETRY_MS;
        int bugs = 0;
        while (true) {
            if (correlationId != null) {
                MDC.put("correlation_id", correlationId);
            }
            try {
                handler.handle(routingKey, correlationId, body);
                return Outcome.HANDLED;
            } catch (RejectedMessage rejected) {
                return new Outcome(rejected.getMessage(), false);
            } catch (Exception e) {
                // a database failure however it is wrapped (JDBC's SQLException, Hibernate Reactive's unchecked
                // JDBCException around the PostgreSQL error, a refused connection): its SQLState decides
                DatabaseFailure db = DatabaseFailure.in(e);
                if (db != null && db.refusesData()) {
                    return new Outcome("PostgreSQL refused it (SQLState " + db.sqlState() + "): " + db.message(), false);
                }
                if (db == null && e instanceof RuntimeException bug) {
                    if (++bugs >= MAX_BUG_ATTEMPTS) {
                        return new Outcome("failed " + MAX_BUG_ATTEMPTS + " times: " + bug, false);
                    }
                    LOG.warnf("%s: %s failed (%s); attempt %d of %d", queue, routingKey, bug, bugs, MAX_BUG_ATTEMPTS);
                } else {
                    // database away, table missing, any other checked failure: an outage, not the message's fault
                    LOG.warnf("%s: %s not applied (%s); retrying in %d ms", queue, routingKey, e, delay);
                }
            } finally {
                MDC.remove("correlation_id");
            }
            retried.increment();
            if (stopping) {
                return Outcome.REQUEUE;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.REQUEUE;
            }
            delay = Math.min(MAX_RETRY_MS, delay * 2);
        }
    }

    /** At shutdown, before the connector closes: an unfinished message is requeued, not dead-lettered. */
    public void stop() {
        stopping = true;
    }

    public long handled() {
        return (long) handled.count();
    }

    public long deadLettered() {
        return (long) deadLettered.count();
    }

    public long retried() {
        return (long) retried.count();
    }

    @Override
    public void close() {
        stopping = true;
        worker.shutdownNow();
    }
}
