package io.marketdata.emulator.faults;

/** An active fault on one venue (an exchange or DexScreener). */
public record Fault(ApiVenue venue, FaultMode mode, int retryAfterSeconds, long delayMs, long sinceMs) {
}
