package io.marketdata.lifecycle.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's clock in {@code @QuarkusTest}s: the system clock plus an offset the tests move
 * forward, so "six hours later" takes no time. It only ever moves forward.
 *
 * <p>It starts {@link #INITIAL_OFFSET} ahead of real time. The test vhost is shared: other
 * modules' running tests react to this service's events (the collector polls metrics of every
 * monitored mint, a scorer scores them) and publish {@code token.metrics} / {@code score.updated}
 * for these tests' mints stamped with the real time. The tests stamp theirs with this clock's
 * (future) time, so such foreign messages are always older than the tests' own and are ignored as
 * stale once a token has its first snapshot and score (see {@code Scenario.create}).
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    public static final Duration INITIAL_OFFSET = Duration.ofDays(3650);

    private final AtomicLong offsetMs = new AtomicLong(INITIAL_OFFSET.toMillis());

    public void advance(Duration d) {
        offsetMs.addAndGet(d.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMs.get());
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
