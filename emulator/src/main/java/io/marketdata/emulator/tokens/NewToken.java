package io.marketdata.emulator.tokens;

/**
 * A token just created on pump.fun's bonding curve: the content of a PumpPortal {@code create} frame.
 * Created tokens are not migrated tokens: they stay on their curve and DexScreener does not list them.
 */
public record NewToken(String mint, String signature, String name, String symbol, String traderPublicKey,
        String bondingCurveKey, double solAmount, double initialBuy, double vTokensInBondingCurve,
        double vSolInBondingCurve, double marketCapSol, String uri) {
}
