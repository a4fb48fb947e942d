package io.marketdata.emulator.tokens;

/** DexScreener's rolling windows, in the order its {@code txns} object lists them. */
public enum Window {
    M5("m5", 300),
    H1("h1", 3600),
    H6("h6", 6 * 3600),
    H24("h24", 24 * 3600);

    private final String key;
    private final int seconds;

    Window(String key, int seconds) {
        this.key = key;
        this.seconds = seconds;
    }

    public String key() {
        return key;
    }

    public int seconds() {
        return seconds;
    }
}
