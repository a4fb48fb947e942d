package io.marketdata.orderbook.consume;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Acknowledgements of one consumer channel. A delivery is acknowledged only once its effect is
 * durable (the checkpoint that covers it is committed) or, for a bad message, once its dead letter
 * is broker-confirmed. Acks stay batched multiple-acks, but a multiple-ack never reaches a tag whose
 * dead letter is still unconfirmed: it stops just below the lowest such tag, and the rest follows when
 * that confirm arrives. A dead letter that failed is nacked with requeue (the broker redelivers it),
 * and later multiple-acks are never sent with its tag. Synchronized: the consumer thread, the
 * checkpoint writer and the confirm callbacks all come here.
 */
final class Settlements {

    private static final Logger LOG = Logger.getLogger(Settlements.class);

    private final Channel channel;
    /** Dead-lettered deliveries waiting for the broker's confirm. */
    private final TreeSet<Long> unconfirmed = new TreeSet<>();
    /** Deliveries given back to the broker (nack + requeue): no longer ours to acknowledge. */
    private final TreeSet<Long> released = new TreeSet<>();
    /** Every delivery up to this tag is durable or dead-lettered (checkpoints committed). */
    private long durable;
    private long acked;

    Settlements(Channel channel) {
        this.channel = channel;
    }

    /** Called on the delivery thread before the delivery is settled into a checkpoint. */
    synchronized void deadLetterSent(long tag) {
        unconfirmed.add(tag);
    }

    synchronized void deadLetterConfirmed(long tag) {
        unconfirmed.remove(tag);
        flush();
    }

    /** The dead letter was nacked or timed out: give the original back to the broker. */
    synchronized void deadLetterFailed(long tag) {
        if (!unconfirmed.remove(tag)) {
            return;
        }
        try {
            if (channel.isOpen()) {
                channel.basicNack(tag, false, true);
            }
        } catch (IOException | RuntimeException e) {
            // the channel is gone: the broker requeues every unacknowledged delivery by itself
            LOG.warnf("nack of delivery %d failed: %s", tag, e.getMessage());
        }
        released.add(tag);
        flush();
    }

    /** A committed checkpoint covers every delivery up to {@code tag}. */
    synchronized void durableUpTo(long tag) {
        durable = Math.max(durable, tag);
        flush();
    }

    synchronized int unconfirmedCount() {
        return unconfirmed.size();
    }

    synchronized long acknowledgedUpTo() {
        return acked;
    }

    private void flush() {
        long upTo = unconfirmed.isEmpty() ? durable : Math.min(durable, unconfirmed.first() - 1);
        while (upTo > acked && released.contains(upTo)) {
            upTo--;
        }
        if (upTo <= acked) {
            return;
        }
        try {
            if (channel.isOpen()) {
                channel.basicAck(upTo, true);
            }
        } catch (IOException | RuntimeException e) {
            // the channel closed: the broker redelivers; the upserts and the duplicate check make that harmless
            LOG.warnf("ack of deliveries up to %d failed: %s", upTo, e.getMessage());
        }
        acked = upTo;
        released.headSet(acked, true).clear();
    }
}
