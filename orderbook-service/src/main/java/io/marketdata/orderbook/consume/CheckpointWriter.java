package io.marketdata.orderbook.consume;

import io.marketdata.orderbook.cache.HotCache;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.history.Checkpoint;
import io.marketdata.orderbook.history.HistoryStore;
import io.marketdata.orderbook.history.MinutePoint;
import io.marketdata.orderbook.indices.IndexHistory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Writes checkpoints in order on its own thread, then acknowledges the deliveries they cover.
 * While PostgreSQL is unavailable it retries the oldest checkpoint with a capped back-off and
 * acknowledges nothing: unacknowledged deliveries pile up to the prefetch limit and the broker
 * holds the rest, so nothing is lost and the consumer resumes by itself.
 */
@ApplicationScoped
public class CheckpointWriter {

    private static final Logger LOG = Logger.getLogger(CheckpointWriter.class);

    /** Acknowledges deliveries up to a tag on the channel they came from. */
    public interface Acknowledger {
        void ack(Object channel, long deliveryTag);
    }

    @Inject
    HistoryStore store;
    @Inject
    IndexHistory indices;
    @Inject
    HotCache cache;
    @Inject
    OrderbookConfig config;
    @Inject
    MeterRegistry registry;

    private final LinkedBlockingDeque<Checkpoint> queue = new LinkedBlockingDeque<>();
    private final AtomicLong lastSuccess = new AtomicLong(System.currentTimeMillis());
    private volatile boolean wroteOnce;
    private volatile Acknowledger acknowledger = (channel, tag) -> { };
    private volatile boolean failing;
    private volatile boolean running;
    private Thread thread;
    private Timer writeTimer;
    private Counter writeFailures;
    private Counter minutesWritten;

    @PostConstruct
    void init() {
        writeTimer = Timer.builder("orderbook_checkpoint_write_seconds").description("Time to commit one checkpoint")
                .publishPercentileHistogram().register(registry);
        writeFailures = Counter.builder("orderbook_checkpoint_failures_total")
                .description("Checkpoint writes that failed and are retried (PostgreSQL unavailable)").register(registry);
        minutesWritten = Counter.builder("orderbook_minutes_written_total")
                .description("Minute points committed (books and indices)").register(registry);
        Gauge.builder("orderbook_checkpoint_queue", queue, LinkedBlockingDeque::size)
                .description("Checkpoints waiting to be written").register(registry);
    }

    public void start(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
        running = true;
        thread = new Thread(this::run, "checkpoint-writer");
        thread.start();
    }

    public void submit(Checkpoint checkpoint) {
        if (!checkpoint.isEmpty()) {
            queue.add(checkpoint);
        }
    }

    /** Stops after writing everything queued, or gives up at the deadline (unwritten deliveries stay unacknowledged). */
    public void stop(long deadlineMs) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(Math.max(1, deadlineMs - System.currentTimeMillis()));
            if (thread.isAlive()) {
                LOG.errorf("shutdown deadline reached with %d checkpoints unwritten; their messages will be redelivered",
                        queue.size());
                thread.interrupt();
            }
        }
    }

    public boolean failing() {
        return failing;
    }

    public int backlog() {
        return queue.size();
    }

    /** True once a checkpoint was written: before, "not failing" says nothing about PostgreSQL. */
    public boolean wroteOnce() {
        return wroteOnce;
    }

    public long lastSuccessMs() {
        return lastSuccess.get();
    }

    private void run() {
        long delay = 500;
        while (running || !queue.isEmpty()) {
            try {
                Checkpoint next = queue.poll(200, TimeUnit.MILLISECONDS);
                if (next != null) {
                    while (!write(next)) {
                        Thread.sleep(delay);
                        delay = Math.min(delay * 2, config.checkpoint().maxRetryDelay().toMillis());
                    }
                    delay = 500;
                }
                List<MinutePoint> indexPoints = indices.computeDue(System.currentTimeMillis());
                cache.addMinutes(indexPoints, System.currentTimeMillis());
                minutesWritten.increment(indexPoints.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException | AssertionError e) {
                // index minutes stay due and are retried on the next round
                LOG.warnf("index minutes not computed yet: %s", e.getMessage());
            }
        }
    }

    private boolean write(Checkpoint c) {
        try {
            writeTimer.record(() -> {
                try {
                    store.write(c);
                } catch (RuntimeException | AssertionError e) {
                    // the reactive client's failures (PgException, closed connection, timeout) are all retried
                    throw new WriteFailed(e);
                }
            });
        } catch (WriteFailed e) {
            writeFailures.increment();
            if (!failing) {
                LOG.errorf("PostgreSQL write failed, holding %d messages unacknowledged and retrying: %s",
                        c.messages(), e.getCause().getMessage());
            }
            failing = true;
            return false;
        }
        if (failing) {
            LOG.infof("PostgreSQL writes resumed");
        }
        failing = false;
        wroteOnce = true;
        lastSuccess.set(System.currentTimeMillis());
        minutesWritten.increment(c.closed().size());
        if (c.deliveryTag() > 0) {
            acknowledger.ack(c.channel(), c.deliveryTag());
        }
        indices.written(c.closed());
        cache.addMinutes(c.closed(), System.currentTimeMillis());
        return true;
    }

    private static final class WriteFailed extends RuntimeException {
        WriteFailed(Throwable cause) {
            super(cause);
        }
    }
}
