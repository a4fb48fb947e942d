package io.marketdata.emulator.binance.stream;

/** One connection's subscription to one diff-depth stream (a feed's recipient). */
record Subscription(StreamSession session, String name) {
}
