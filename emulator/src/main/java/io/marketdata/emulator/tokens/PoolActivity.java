package io.marketdata.emulator.tokens;

import io.marketdata.emulator.market.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a token's pools at a given age from its {@link TokenSpec} — pure functions, no state.
 *
 * <ul>
 *   <li><b>Main pool</b>: trades follow {@link ActivityCurve}; price = migration price ×
 *       {@link ActivityCurve#priceFactor} × a ±0.3 % per-minute jitter; constant-product reserves, so
 *       SOL in the pool grows with √price.</li>
 *   <li><b>Second pool</b>: from its opening on, {@code share} × the main curve's trades (arbitrage
 *       flow), price within ±0.5 % of the main pool's.</li>
 *   <li><b>Bonding curve</b>: {@code preTrades} trades (70 % buys) spread over the last
 *       {@code preSeconds} before the migration and none after; the price climbed from 30 % of the
 *       migration price when the curve was created; reserves stay at the completed curve's.</li>
 * </ul>
 * A window count is {@code ⌊C(now)⌋ − ⌊C(max(open, now − window))⌋} of a non-decreasing cumulative
 * count {@code C}, so counts are whole, non-negative and nested windows never shrink. In about 3 %
 * of (traded tradeable pool, 10-minute) slots {@code liquidity} is missing, as DexScreener sometimes does.
 */
public final class PoolActivity {

    private static final long SALT_JITTER = 0x7101;
    private static final long SALT_ARB = 0x7102;
    private static final long SALT_LIQUIDITY_GAP = 0x7103;
    static final double MISSING_LIQUIDITY_PROBABILITY = 0.03;
    private static final double LIQUIDITY_GAP_SLOT_SECONDS = 600;
    private static final double BONDING_BUY_SHARE = 0.7;
    private static final double BONDING_START_PRICE = 0.3;

    private PoolActivity() {
    }

    /** The pools that exist at {@code ageSeconds} (a pool opened later is not listed yet), in spec order. */
    public static List<PoolState> pools(TokenSpec token, double ageSeconds, double solUsd) {
        List<PoolState> out = new ArrayList<>(token.pools().size());
        for (PoolSpec p : token.pools()) {
            if (p.openAge() <= ageSeconds) {
                out.add(at(token, p, ageSeconds, solUsd));
            }
        }
        return out;
    }

    /** Pool {@code p} of {@code token} when the token is {@code ageSeconds} old and SOL trades at {@code solUsd}. */
    public static PoolState at(TokenSpec token, PoolSpec p, double ageSeconds, double solUsd) {
        Window[] windows = Window.values();
        long[] buys = new long[windows.length];
        long[] sells = new long[windows.length];
        double[] volume = new double[windows.length];
        double[] change = new double[windows.length];
        double priceNow = priceSol(token, p, ageSeconds);
        double buysNow = cumulativeBuys(token, p, ageSeconds);
        double sellsNow = cumulativeSells(token, p, ageSeconds);
        for (Window w : windows) {
            double from = Math.max(p.openAge(), ageSeconds - w.seconds());
            double buysFrom = cumulativeBuys(token, p, from);
            double sellsFrom = cumulativeSells(token, p, from);
            int i = w.ordinal();
            buys[i] = (long) StrictMath.floor(buysNow) - (long) StrictMath.floor(buysFrom);
            sells[i] = (long) StrictMath.floor(sellsNow) - (long) StrictMath.floor(sellsFrom);
            volume[i] = p.tradeUsd() * ((buysNow + sellsNow) - (buysFrom + sellsFrom));
            change[i] = buys[i] + sells[i] == 0 ? Double.NaN : (priceNow / priceSol(token, p, from) - 1.0) * 100.0;
        }
        double priceUsd = priceNow * solUsd;
        return new PoolState(p, buys, sells, volume, change, priceNow, priceUsd,
                liquidity(token, p, ageSeconds, priceNow, solUsd), priceUsd * TokenFactory.SUPPLY, p.openAge());
    }

    static double cumulativeBuys(TokenSpec token, PoolSpec p, double age) {
        return switch (p.kind()) {
            case MAIN -> token.curve().buys(age);
            case SECOND -> age < p.openAge() ? 0
                    : p.share() * (token.curve().buys(age) - token.curve().buys(p.openAge()));
            case BONDING_CURVE -> BONDING_BUY_SHARE * preMigrationTrades(token, age);
        };
    }

    static double cumulativeSells(TokenSpec token, PoolSpec p, double age) {
        return switch (p.kind()) {
            case MAIN -> token.curve().sells(age);
            case SECOND -> age < p.openAge() ? 0
                    : p.share() * (token.curve().sells(age) - token.curve().sells(p.openAge()));
            case BONDING_CURVE -> (1 - BONDING_BUY_SHARE) * preMigrationTrades(token, age);
        };
    }

    /** Bonding-curve trades up to {@code age}: evenly spread over the pre-migration window, none afterwards. */
    private static double preMigrationTrades(TokenSpec token, double age) {
        double progress = (age + token.preSeconds()) / token.preSeconds();
        return token.preTrades() * Math.max(0, Math.min(1, progress));
    }

    static double priceSol(TokenSpec token, PoolSpec p, double age) {
        if (p.kind() == PoolKind.BONDING_CURVE) {
            if (age >= 0) {
                return token.priceSol();
            }
            double life = -p.openAge();
            return token.priceSol() * (BONDING_START_PRICE + (1 - BONDING_START_PRICE) * (age + life) / life);
        }
        long minute = (long) StrictMath.floor(age / 60);
        double jitter = 1 + 0.003 * Rng.symmetric(Rng.hash(token.seed(), SALT_JITTER, token.index(), minute));
        double price = token.priceSol() * token.curve().priceFactor(age) * jitter;
        if (p.kind() == PoolKind.SECOND) {
            price *= 1 + 0.005 * Rng.symmetric(Rng.hash(token.seed(), SALT_ARB, token.index(), minute));
        }
        return price;
    }

    private static PoolState.Liquidity liquidity(TokenSpec token, PoolSpec p, double age, double priceSol,
            double solUsd) {
        if (p.kind() == PoolKind.BONDING_CURVE) {
            double quote = p.quoteSol();
            return new PoolState.Liquidity(2 * quote * solUsd, quote / token.priceSol(), quote);
        }
        long slot = (long) StrictMath.floor(age / LIQUIDITY_GAP_SLOT_SECONDS);
        // An untraded pool always shows its liquidity: that oddity is "liquidity but no transactions".
        long h = Rng.hash(token.seed(), SALT_LIQUIDITY_GAP, token.index(), p.kind().ordinal(), slot);
        if (p.share() > 0 && Rng.uniform(h) < MISSING_LIQUIDITY_PROBABILITY) {
            return null;
        }
        double quote = p.quoteSol() * StrictMath.sqrt(token.curve().priceFactor(age));
        return new PoolState.Liquidity(2 * quote * solUsd, quote / priceSol, quote);
    }
}
