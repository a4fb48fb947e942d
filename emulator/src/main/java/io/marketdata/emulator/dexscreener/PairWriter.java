package io.marketdata.emulator.dexscreener;

import io.marketdata.emulator.tokens.MigratedToken;
import io.marketdata.emulator.tokens.PoolState;
import io.marketdata.emulator.tokens.Window;
import io.marketdata.emulator.web.JsonNumbers;
import io.marketdata.emulator.web.JsonWriter;
import java.util.Locale;

/**
 * One DexScreener pair object, as {@code /token-pairs/v1} and {@code /tokens/v1} return it: prices
 * as strings with 4 significant digits, {@code txns} m5→h24 but {@code volume} h24→m5 (as the real
 * API orders them), {@code labels} only when the pool has some, {@code priceChange} only for windows
 * with trades, {@code liquidity} left out when the model says it is missing.
 */
public final class PairWriter {

    public static final String SOL_MINT = "So11111111111111111111111111111111111111112";

    private PairWriter() {
    }

    public static void write(JsonWriter w, MigratedToken token, PoolState pool) {
        var spec = pool.pool();
        w.beginObject()
                .field("chainId", "solana")
                .field("dexId", spec.dexId())
                .field("url", "https://dexscreener.com/solana/" + spec.address().toLowerCase(Locale.ROOT))
                .field("pairAddress", spec.address());
        if (!spec.labels().isEmpty()) {
            w.strings("labels", spec.labels().toArray(String[]::new));
        }
        w.name("baseToken").beginObject()
                .field("address", token.mint())
                .field("name", token.spec().name())
                .field("symbol", token.spec().symbol())
                .endObject();
        w.name("quoteToken").beginObject()
                .field("address", SOL_MINT)
                .field("name", "Wrapped SOL")
                .field("symbol", "SOL")
                .endObject();
        w.field("priceNative", JsonNumbers.significant(pool.priceSol(), 4))
                .field("priceUsd", JsonNumbers.significant(pool.priceUsd(), 4));
        w.name("txns").beginObject();
        for (Window win : Window.values()) {
            w.name(win.key()).beginObject()
                    .field("buys", pool.buys()[win.ordinal()])
                    .field("sells", pool.sells()[win.ordinal()])
                    .endObject();
        }
        w.endObject();
        w.name("volume").beginObject();
        Window[] windows = Window.values();
        for (int i = windows.length - 1; i >= 0; i--) {
            w.fieldNum(windows[i].key(), JsonNumbers.fixed(pool.volumeUsd()[i], 2));
        }
        w.endObject();
        w.name("priceChange").beginObject();
        for (Window win : windows) {
            double change = pool.priceChangePct()[win.ordinal()];
            if (!Double.isNaN(change)) {
                w.fieldNum(win.key(), JsonNumbers.fixed(change, 2));
            }
        }
        w.endObject();
        PoolState.Liquidity liq = pool.liquidity();
        if (liq != null) {
            w.name("liquidity").beginObject()
                    .fieldNum("usd", JsonNumbers.fixed(liq.usd(), 2))
                    .fieldNum("base", JsonNumbers.fixed(liq.base(), 0))
                    .fieldNum("quote", JsonNumbers.fixed(liq.quote(), 4))
                    .endObject();
        }
        long fdv = Math.round(pool.fdvUsd());
        long created = Math.floorDiv(token.wallMs() + Math.round(pool.openAge() * 1000), 1000) * 1000;
        w.field("fdv", fdv).field("marketCap", fdv).field("pairCreatedAt", created).endObject();
    }
}
