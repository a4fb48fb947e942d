package io.marketdata.scoring.support;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketdata.contracts.Json;
import java.security.SecureRandom;

/** token.metrics and token.status_changed bodies for tests, with random mints. */
public final class Tokens {

    public static final long HOUR_MS = 3_600_000L;
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** A fresh random pump.fun-like mint (44 base58 characters). */
    public static String mint() {
        return base58(40) + "pump";
    }

    public static String address() {
        return base58(44);
    }

    private static String base58(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(BASE58.charAt(RANDOM.nextInt(BASE58.length())));
        }
        return sb.toString();
    }

    /**
     * A snapshot with one tradeable pool (10 000 USD) and the given m5 and h1 windows; h6 and h24
     * are h1 × 6 and × 24 so the windows nest.
     */
    public static ObjectNode metrics(String mint, long fetchedAt, Long migratedAt, long buys5, long sells5, double vol5,
                                     long buys1h, long sells1h, double vol1h) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("mint", mint);
        m.put("fetched_at", fetchedAt);
        m.put("price_usd", 0.0001);
        m.put("fdv", 100_000.0);
        if (migratedAt != null) {
            m.put("migrated_at", migratedAt);
        }
        ArrayNode pools = m.putArray("pools");
        ObjectNode pool = pools.addObject();
        pool.put("address", address());
        pool.put("dex", "pumpswap");
        pool.putArray("labels");
        pool.put("liquidity_usd", 10_000.0);
        pool.put("quote_symbol", "SOL");
        pool.put("quote_address", "So11111111111111111111111111111111111111112");
        pool.put("price_usd", 0.0001);
        pool.put("tradeable", true);
        ObjectNode windows = m.putObject("windows");
        window(windows, "m5", buys5, sells5, vol5);
        window(windows, "h1", buys1h, sells1h, vol1h);
        window(windows, "h6", buys1h * 6, sells1h * 6, vol1h * 6);
        window(windows, "h24", buys1h * 24, sells1h * 24, vol1h * 24);
        m.putArray("data_quality");
        return m;
    }

    /** The README's worked example: m5 = 30 buys, 10 sells, 2 000 USD; h1 = 150 buys, 90 sells, 12 000 USD. */
    public static ObjectNode workedExample(String mint, long fetchedAt, Long migratedAt) {
        return metrics(mint, fetchedAt, migratedAt, 30, 10, 2_000.0, 150, 90, 12_000.0);
    }

    /** A steady snapshot: m5 = 10 buys, 10 sells, 1 000 USD; h1 as in the worked example. */
    public static ObjectNode steady(String mint, long fetchedAt, Long migratedAt) {
        return metrics(mint, fetchedAt, migratedAt, 10, 10, 1_000.0, 150, 90, 12_000.0);
    }

    private static void window(ObjectNode windows, String name, long buys, long sells, double volume) {
        ObjectNode w = windows.putObject(name);
        w.put("buys", buys);
        w.put("sells", sells);
        w.put("volume_usd", volume);
    }

    public static ObjectNode statusChanged(String mint, String oldStatus, String newStatus, long changedAt) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("mint", mint);
        if (oldStatus == null) {
            s.putNull("old_status");
        } else {
            s.put("old_status", oldStatus);
        }
        s.put("new_status", newStatus);
        s.put("reason", "test");
        s.put("changed_at", changedAt);
        return s;
    }
}
