package io.marketdata.emulator.pumpportal;

import io.marketdata.emulator.tokens.MigratedToken;
import io.marketdata.emulator.tokens.NewToken;
import io.marketdata.emulator.web.JsonNumbers;
import io.marketdata.emulator.web.JsonWriter;

/** PumpPortal's data frames, in its wire shapes (field order as the live feed sends them). */
final class PumpPortalFrames {

    private PumpPortalFrames() {
    }

    /** The acknowledgement of a subscription request: only {@code message}. */
    static String ack(String message) {
        return new JsonWriter().beginObject().field("message", message).endObject().toString();
    }

    /** A migration, minimal as the real feed: no name, no timestamp; {@code pool} is a venue label. */
    static String migration(MigratedToken t) {
        return new JsonWriter(220).beginObject()
                .field("signature", t.spec().signature())
                .field("mint", t.mint())
                .field("txType", "migrate")
                .field("pool", t.spec().migrationPool())
                .endObject().toString();
    }

    /** A token creation on pump.fun's bonding curve. */
    static String creation(NewToken t) {
        return new JsonWriter(700).beginObject()
                .field("signature", t.signature())
                .field("mint", t.mint())
                .field("traderPublicKey", t.traderPublicKey())
                .field("txType", "create")
                .fieldNum("initialBuy", JsonNumbers.fixed(t.initialBuy(), 6))
                .fieldNum("solAmount", JsonNumbers.fixed(t.solAmount(), 9))
                .field("bondingCurveKey", t.bondingCurveKey())
                .fieldNum("vTokensInBondingCurve", JsonNumbers.fixed(t.vTokensInBondingCurve(), 6))
                .fieldNum("vSolInBondingCurve", JsonNumbers.plain(t.vSolInBondingCurve()))
                .fieldNum("marketCapSol", JsonNumbers.plain(t.marketCapSol()))
                .field("name", t.name())
                .field("symbol", t.symbol())
                .field("uri", t.uri())
                .field("is_mayhem_mode", false)
                .field("pool", "pump")
                .endObject().toString();
    }

    /**
     * The {@code n}-th injected bad frame, standing in for {@code valid}. Four kinds in turn: JSON cut
     * in half; a mint outside the base58 alphabet; a migration without mint and signature; a JSON
     * array instead of an object. Each one must be rejected (counted, skipped) by a client.
     */
    static String malformed(long n, String valid) {
        return switch ((int) (n % 4)) {
            case 0 -> valid.substring(0, Math.max(1, valid.length() / 2));
            case 1 -> new JsonWriter().beginObject()
                    .field("signature", "0OIl-not-base58")
                    .field("mint", "0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIlpump")
                    .field("txType", "migrate")
                    .field("pool", "pump-amm")
                    .endObject().toString();
            case 2 -> new JsonWriter().beginObject().field("txType", "migrate").field("pool", "pump-amm").endObject()
                    .toString();
            default -> "[" + valid + "]";
        };
    }
}
