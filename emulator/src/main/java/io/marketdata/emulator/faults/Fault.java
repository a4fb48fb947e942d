package io.marketdata.emulator.faults;

import io.marketdata.emulator.market.Venue;

/** An active fault on one venue. */
public record Fault(Venue venue, FaultMode mode, int retryAfterSeconds, long delayMs, long sinceMs) {
}
