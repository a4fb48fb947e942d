package io.marketdata.lifecycle.metrics;

import io.marketdata.lifecycle.rules.Ignored;
import io.marketdata.lifecycle.rules.Status;
import io.marketdata.lifecycle.rules.Transition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's own meters: {@code lifecycle_transitions_total{from,to,reason}},
 * {@code lifecycle_messages_ignored_total{type,reason}} and the {@code lifecycle_tokens{status}}
 * gauge (refreshed by the periodic job). The consumer, outbox and settings follower register their
 * counters themselves.
 */
@ApplicationScoped
public class LifecycleMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<Status, AtomicLong> tokens = new EnumMap<>(Status.class);

    @PostConstruct
    void init() {
        for (Status s : Status.values()) {
            AtomicLong value = new AtomicLong();
            tokens.put(s, value);
            Gauge.builder("lifecycle.tokens", value, AtomicLong::get).tag("status", s.wire())
                    .description("Tokens per status").register(registry);
        }
    }

    /** Counts a committed transition. */
    public void transition(Transition t) {
        registry.counter("lifecycle.transitions", "from", t.from() == null ? "none" : t.from().wire(), "to", t.to().wire(),
                "reason", t.reason().wire()).increment();
    }

    /** Counts a valid message that changed nothing. */
    public void ignored(String type, Ignored why) {
        registry.counter("lifecycle.messages.ignored", "type", type, "reason", why.wire()).increment();
    }

    public void tokens(Map<Status, Long> counts) {
        counts.forEach((status, n) -> tokens.get(status).set(n));
    }
}
