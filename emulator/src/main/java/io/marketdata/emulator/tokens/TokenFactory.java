package io.marketdata.emulator.tokens;

import io.marketdata.emulator.market.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds migrated tokens and newly created tokens as pure functions of (seed, index): the same seed
 * and index always give the same mint, signature, name, symbol, fate, curve and pools. Every draw is
 * {@link Rng} on (seed, salt, index), so nothing depends on call order or timing.
 */
public final class TokenFactory {

    /** pump.fun's fixed token supply; DexScreener's fdv and market cap are price × supply. */
    public static final double SUPPLY = 1_000_000_000.0;

    private static final long SALT_MINT = 0x7001;
    private static final long SALT_SIGNATURE = 0x7002;
    private static final long SALT_NAME = 0x7003;
    private static final long SALT_FATE = 0x7004;
    private static final long SALT_CURVE = 0x7005;
    private static final long SALT_POOL = 0x7006;
    private static final long SALT_MARKET = 0x7007;
    private static final long SALT_CREATE = 0x7010;

    private static final String[] ADJECTIVES = {"Based", "Tiny", "Cosmic", "Golden", "Sleepy", "Angry", "Turbo",
        "Smooth", "Lucky", "Frozen", "Wild", "Silent", "Giga", "Baby", "Royal", "Electric", "Crying", "Happy",
        "Dark", "Magic", "Hyper", "Lazy", "Rich", "Retro"};
    private static final String[] NOUNS = {"Cat", "Frog", "Pepe", "Rocket", "Banana", "Wizard", "Hamster", "Penguin",
        "Goblin", "Whale", "Doge", "Otter", "Panda", "Moon", "Chad", "Kitty", "Llama", "Shiba", "Bull", "Duck",
        "Ape", "Tiger", "Donut", "Pickle"};

    private final long seed;

    public TokenFactory(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    private double uniform(long salt, long index, long k) {
        return Rng.uniform(Rng.hash(seed, salt, index, k));
    }

    private double between(long salt, long index, long k, double min, double max) {
        return min + (max - min) * uniform(salt, index, k);
    }

    /** Migrated token number {@code index}. */
    public TokenSpec spec(long index) {
        String mint = Base58.pumpMint(Rng.hash(seed, SALT_MINT, index));
        String signature = Base58.signature(Rng.hash(seed, SALT_SIGNATURE, index));
        String[] naming = naming(SALT_NAME, index);
        Fate fate = Fate.pick(uniform(SALT_FATE, index, 0));
        ActivityCurve curve = curve(fate, index);
        // LaunchLab tokens graduate to a Raydium CPMM pool; PumpPortal's older frames said "raydium".
        boolean launchLab = uniform(SALT_POOL, index, 0) < 0.10;
        double marketCapSol = between(SALT_MARKET, index, 0, 380, 460);
        double priceSol = marketCapSol / SUPPLY;
        double tradeUsd = between(SALT_MARKET, index, 1, 120, 600);
        double curveLife = between(SALT_MARKET, index, 2, 1200, 6 * 3600);
        double preSeconds = Math.min(curveLife, 3600);
        int preTrades = (int) between(SALT_MARKET, index, 3, 30, 91);

        List<PoolSpec> pools = new ArrayList<>(3);
        pools.add(new PoolSpec(PoolKind.BONDING_CURVE, launchLab ? "launchlab" : "pumpfun", List.of(),
                Base58.publicKey(Rng.hash(seed, SALT_POOL, index, 1)), -curveLife, 0,
                between(SALT_POOL, index, 2, 84, 86), tradeUsd));
        pools.add(new PoolSpec(PoolKind.MAIN, launchLab ? "raydium" : "pumpswap",
                launchLab ? List.of("CPMM") : List.of(), Base58.publicKey(Rng.hash(seed, SALT_POOL, index, 3)), 0,
                1.0, between(SALT_POOL, index, 4, 70, 85), tradeUsd));
        if (uniform(SALT_POOL, index, 5) < 0.60) {
            pools.add(secondPool(index, tradeUsd));
        }
        return new TokenSpec(seed, index, mint, naming[0], naming[1], signature, launchLab ? "raydium" : "pump-amm",
                fate, curve, priceSol, preTrades, preSeconds, pools);
    }

    private ActivityCurve curve(Fate f, long index) {
        double buyShare = between(SALT_CURVE, index, 0, f.buyShareMin, f.buyShareMax);
        double pumpMass = between(SALT_CURVE, index, 1, f.pumpMassMin, f.pumpMassMax);
        double pumpPeak = between(SALT_CURVE, index, 2, f.pumpPeakMin, f.pumpPeakMax);
        double sustainMass = between(SALT_CURVE, index, 3, f.sustainMassMin, f.sustainMassMax);
        double sustainPeak = between(SALT_CURVE, index, 4, f.sustainPeakMin, f.sustainPeakMax);
        double sensitivity = between(SALT_CURVE, index, 5, f.sensitivityMin, f.sensitivityMax);
        List<ActivityCurve.Wave> buys = new ArrayList<>(2);
        List<ActivityCurve.Wave> sells = new ArrayList<>(2);
        buys.add(new ActivityCurve.Wave(pumpMass * buyShare, pumpPeak * 0.8));
        sells.add(new ActivityCurve.Wave(pumpMass * (1 - buyShare), pumpPeak * 1.25));
        if (sustainMass > 0) {
            buys.add(new ActivityCurve.Wave(sustainMass * buyShare, sustainPeak * 0.8));
            sells.add(new ActivityCurve.Wave(sustainMass * (1 - buyShare), sustainPeak * 1.25));
        }
        return new ActivityCurve(buys, sells, sensitivity);
    }

    private PoolSpec secondPool(long index, double tradeUsd) {
        boolean raydium = uniform(SALT_POOL, index, 6) < 0.5;
        boolean variant = uniform(SALT_POOL, index, 7) < 0.6;
        String dex = raydium ? "raydium" : "meteora";
        String label = raydium ? (variant ? "CPMM" : "CLMM") : (variant ? "DLMM" : "DYN2");
        // One second pool in six is never traded although it holds liquidity: a data-quality oddity
        // ("liquidity but no transactions") the consumer's checks must notice.
        boolean untraded = uniform(SALT_POOL, index, 8) < 1.0 / 6;
        double share = untraded ? 0 : between(SALT_POOL, index, 9, 0.05, 0.40);
        String address = Base58.publicKey(Rng.hash(seed, SALT_POOL, index, 10));
        return new PoolSpec(PoolKind.SECOND, dex, List.of(label), address,
                between(SALT_POOL, index, 11, 180, 5400), share, between(SALT_POOL, index, 12, 1, 40),
                tradeUsd * between(SALT_POOL, index, 13, 0.5, 1.5));
    }

    /** {name, symbol}: one or two words; symbols are mostly upper case, sometimes initials or lower case. */
    private String[] naming(long salt, long index) {
        String adjective = ADJECTIVES[(int) (uniform(salt, index, 0) * ADJECTIVES.length)];
        String noun = NOUNS[(int) (uniform(salt, index, 1) * NOUNS.length)];
        boolean single = uniform(salt, index, 2) < 0.3;
        String name = single ? noun : adjective + " " + noun;
        double style = uniform(salt, index, 3);
        String symbol;
        if (style < 0.7) {
            symbol = (single ? noun : adjective.substring(0, 1) + noun).toUpperCase(Locale.ROOT);
        } else if (style < 0.9) {
            symbol = single ? noun.substring(0, Math.min(3, noun.length())).toUpperCase(Locale.ROOT)
                    : (adjective.substring(0, 1) + noun.substring(0, 1)).toUpperCase(Locale.ROOT);
        } else {
            symbol = noun.toLowerCase(Locale.ROOT);
        }
        return new String[] {name, symbol};
    }

    /** New (bonding-curve) token number {@code index}, as a PumpPortal create event describes it. */
    public NewToken created(long index) {
        long h = Rng.hash(seed, SALT_CREATE, index);
        String[] naming = naming(SALT_CREATE + 1, index);
        // pump.fun's curve starts at 30 SOL / 1,073,000,000 tokens of virtual reserves; the creator's
        // own first buy moves it along the constant product.
        double initialVirtualSol = 30.0;
        double initialVirtualTokens = 1_073_000_000.0;
        double solAmount = uniform(SALT_CREATE + 2, index, 0) < 0.2 ? 0 : between(SALT_CREATE + 2, index, 1, 0.01, 3.0);
        double vSol = initialVirtualSol + solAmount;
        double vTokens = initialVirtualSol * initialVirtualTokens / vSol;
        double marketCapSol = vSol / vTokens * SUPPLY;
        StringBuilder cid = new StringBuilder("bafkrei");
        String base32 = "abcdefghijklmnopqrstuvwxyz234567";
        for (int i = 0; i < 52; i++) {
            cid.append(base32.charAt((int) ((Rng.hash(h, 100 + i) >>> 1) % 32)));
        }
        return new NewToken(Base58.pumpMint(Rng.hash(h, 1)), Base58.signature(Rng.hash(h, 2)), naming[0], naming[1],
                Base58.publicKey(Rng.hash(h, 3)), Base58.publicKey(Rng.hash(h, 4)), solAmount,
                initialVirtualTokens - vTokens, vTokens, vSol, marketCapSol, "https://ipfs.io/ipfs/" + cid);
    }
}
