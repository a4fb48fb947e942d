package io.marketdata.lifecycle.rules;

import java.time.Instant;

/**
 * One status change. {@code from} is null for a new token. {@code at} is the clock's time of the
 * decision: the new {@code status_since} and the {@code changed_at} of history and event.
 */
public record Transition(Status from, Status to, Reason reason, Instant at) {
}
