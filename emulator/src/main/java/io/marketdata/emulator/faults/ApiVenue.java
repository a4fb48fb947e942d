package io.marketdata.emulator.faults;

import io.marketdata.emulator.market.Venue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP API the emulator serves under a path prefix: the six exchange venues of the market model
 * plus DexScreener. Faults ({@code /_emulator/faults/{id}}) and request counters
 * ({@code /_emulator/stats}) are kept per {@code ApiVenue}, so DexScreener gets the same 500/429/slow/
 * malformed injection and the same counting as the exchanges.
 */
public enum ApiVenue {

    BINANCE(Venue.BINANCE),
    BINANCE_SPOT(Venue.BINANCE_SPOT),
    BYBIT(Venue.BYBIT),
    BITGET(Venue.BITGET),
    HTX(Venue.HTX),
    GATEIO(Venue.GATEIO),
    /** DexScreener's public REST API (token pairs of the emulated pump.fun migrations). */
    DEXSCREENER("dexscreener", "/dexscreener");

    /** DexScreener paths that end in token addresses; counted under one key per endpoint. */
    private static final Pattern DEX_TOKEN_PATH = Pattern.compile("^(/token-pairs/v1/[^/]+/|/tokens/v1/[^/]+/)[^/]+$");

    private final String id;
    private final String pathPrefix;

    ApiVenue(Venue market) {
        this(market.id(), market.pathPrefix());
    }

    ApiVenue(String id, String pathPrefix) {
        this.id = id;
        this.pathPrefix = pathPrefix;
    }

    public String id() {
        return id;
    }

    public String pathPrefix() {
        return pathPrefix;
    }

    /**
     * The key a request path (after the prefix) is counted under. DexScreener paths carry token
     * addresses, so they are folded to {@code /token-pairs/v1/solana/{tokenAddress}} and
     * {@code /tokens/v1/solana/{tokenAddresses}}; otherwise every mint would be a counter of its own.
     */
    public String statsPath(String path) {
        if (this != DEXSCREENER) {
            return path;
        }
        Matcher m = DEX_TOKEN_PATH.matcher(path);
        if (!m.matches()) {
            return path;
        }
        return m.group(1) + (m.group(1).startsWith("/tokens/") ? "{tokenAddresses}" : "{tokenAddress}");
    }

    public static ApiVenue byId(String id) {
        if (id == null) {
            return null;
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        for (ApiVenue v : values()) {
            if (v.id.equals(wanted)) {
                return v;
            }
        }
        return null;
    }

    /** The API whose prefix starts {@code path}, or null (admin, health and WebSocket-only paths). */
    public static ApiVenue byPath(String path) {
        if (path == null) {
            return null;
        }
        for (ApiVenue v : values()) {
            String p = v.pathPrefix;
            if (path.startsWith(p) && (path.length() == p.length() || path.charAt(p.length()) == '/')) {
                return v;
            }
        }
        return null;
    }
}
