package io.marketdata.emulator.market;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fixed universe: 62 USDT-margined base assets with realistic starting prices, and how each
 * venue lists them. Listing quirks that are modelled on purpose (and documented in the README):
 * <ul>
 *   <li>PEPE, SHIB, BONK, FLOKI are 1000x contracts on Binance futures ({@code 1000PEPEUSDT}) and
 *       Bybit ({@code 1000PEPEUSDT}, but {@code SHIB1000USDT}); Bitget, HTX, Gate and Binance spot
 *       list the plain asset ({@code PEPEUSDT}, {@code PEPE-USDT}, {@code PEPE_USDT}).</li>
 *   <li>Not listed: KAS on Binance futures; KAS and ONDO on Binance spot; FTM on Bybit; MKR on
 *       Bitget; EGLD and NOT on HTX; VET on Gate.</li>
 * </ul>
 */
public final class Universe {

    private static final Set<Venue> ALL = EnumSet.noneOf(Venue.class);

    private final List<Asset> assets;
    private final Map<Venue, List<Instrument>> byVenue = new EnumMap<>(Venue.class);
    private final Map<Venue, Map<String, Instrument>> byRouting = new EnumMap<>(Venue.class);
    private final Map<Venue, Map<String, Instrument>> byNative = new EnumMap<>(Venue.class);
    private final List<Instrument> all = new ArrayList<>();

    public Universe() {
        this.assets = Collections.unmodifiableList(buildAssets());
        for (Venue v : Venue.values()) {
            List<Instrument> list = new ArrayList<>();
            Map<String, Instrument> routing = new LinkedHashMap<>();
            Map<String, Instrument> nativeIds = new LinkedHashMap<>();
            for (Asset a : assets) {
                if (a.notListedOn().contains(v)) {
                    continue;
                }
                Instrument inst = instrument(all.size(), v, a);
                all.add(inst);
                list.add(inst);
                routing.put(inst.routingSymbol(), inst);
                nativeIds.put(inst.nativeId(), inst);
            }
            byVenue.put(v, Collections.unmodifiableList(list));
            byRouting.put(v, routing);
            byNative.put(v, nativeIds);
        }
    }

    public List<Asset> assets() {
        return assets;
    }

    public List<Instrument> all() {
        return Collections.unmodifiableList(all);
    }

    public List<Instrument> instruments(Venue venue) {
        return byVenue.get(venue);
    }

    /** Instrument by routing symbol ({@code BTCUSDT}), case-insensitive; null when not listed. */
    public Instrument byRouting(Venue venue, String routingSymbol) {
        if (routingSymbol == null) {
            return null;
        }
        return byRouting.get(venue).get(routingSymbol.toUpperCase(Locale.ROOT));
    }

    /** Instrument by the venue's native id, exact match (venues are case-sensitive); null when absent. */
    public Instrument byNative(Venue venue, String nativeId) {
        if (nativeId == null) {
            return null;
        }
        return byNative.get(venue).get(nativeId);
    }

    private static Instrument instrument(int id, Venue v, Asset a) {
        String base = a.name();
        int multiplier = 1;
        if (a.thousandX() && (v == Venue.BINANCE || v == Venue.BYBIT)) {
            multiplier = 1000;
            base = (v == Venue.BYBIT && a.name().equals("SHIB")) ? "SHIB1000" : "1000" + a.name();
        }
        String routing = base + "USDT";
        String nativeId = switch (v) {
            case HTX -> base + "-USDT";
            case GATEIO -> base + "_USDT";
            default -> routing;
        };
        double price = a.startPrice() * multiplier;
        int tickScale = a.tickScale() >= 0 && multiplier == 1 ? a.tickScale()
                : (int) -StrictMath.floor(StrictMath.log10(price * 3e-5));
        int lotExp = a.lotExp() != null && multiplier == 1 ? a.lotExp()
                : clamp((int) StrictMath.floor(StrictMath.log10(100.0 / price)), -4, 0);
        int unitExp = switch (v) {
            case BINANCE_SPOT -> lotExp < 0 ? Math.max(-8, lotExp - 2) : 0;
            case HTX -> a.htxExp() != null ? a.htxExp()
                    : clamp((int) StrictMath.floor(StrictMath.log10(30.0 / price)), -3, 7);
            case GATEIO -> a.gateExp() != null ? a.gateExp()
                    : clamp((int) StrictMath.floor(StrictMath.log10(10.0 / price)), -4, 7);
            default -> lotExp;
        };
        if (v == Venue.BINANCE_SPOT) {
            tickScale = Math.min(8, tickScale + 1);
        }
        return new Instrument(id, v, a, routing, nativeId, base, multiplier, tickScale, unitExp);
    }

    private static int clamp(int x, int lo, int hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static List<Asset> buildAssets() {
        List<Asset> list = new ArrayList<>();
        // name, price, 24h USD volume (millions), sigma bps/tick, tick decimals (-1 = derive)
        add(list, "BTC", 65000, 15000, 1.5, 1, -3, -3, -4);
        add(list, "ETH", 3400, 8000, 2.0, 2, -3, -2, -2);
        add(list, "SOL", 150, 2500, 3.0, 2, -1, 0, 0);
        add(list, "BNB", 580, 600, 2.0, 2, -2, -2, -3);
        add(list, "XRP", 0.52, 1200, 2.5, 4, 0, 1, 1);
        add(list, "DOGE", 0.15, 1000, 3.5, 5, 0, 2, 1);
        add(list, "ADA", 0.45, 350, 3.0);
        add(list, "AVAX", 35, 300, 3.0);
        add(list, "LINK", 14.5, 250, 3.0);
        add(list, "DOT", 6.8, 150, 3.0);
        add(list, "TRX", 0.12, 120, 1.5);
        add(list, "LTC", 80, 300, 2.5);
        add(list, "BCH", 450, 250, 2.5);
        add(list, "NEAR", 5.5, 250, 3.5);
        add(list, "UNI", 9.5, 150, 3.5);
        add(list, "ATOM", 8.2, 120, 3.0);
        add(list, "ETC", 26, 120, 3.0);
        add(list, "XLM", 0.11, 80, 2.5);
        add(list, "FIL", 5.6, 100, 3.5);
        add(list, "APT", 8.8, 150, 3.5);
        add(list, "ARB", 1.05, 200, 3.5);
        add(list, "OP", 2.3, 150, 3.5);
        add(list, "INJ", 24, 120, 4.0);
        add(list, "SUI", 1.1, 250, 4.0);
        add(list, "SEI", 0.45, 100, 4.0);
        add(list, "TIA", 9.5, 120, 4.0);
        add(list, "IMX", 1.9, 60, 3.5);
        add(list, "AAVE", 95, 150, 3.0);
        add(list, "MKR", 2600, 60, 3.0, -1, null, null, null, Venue.BITGET);
        add(list, "LDO", 1.9, 80, 3.5);
        add(list, "CRV", 0.42, 70, 4.0);
        add(list, "RUNE", 5.2, 90, 4.0);
        add(list, "STX", 1.9, 60, 4.0);
        add(list, "FTM", 0.7, 150, 4.0, -1, null, null, null, Venue.BYBIT);
        add(list, "ALGO", 0.17, 40, 3.0);
        add(list, "HBAR", 0.08, 60, 3.0);
        add(list, "VET", 0.03, 40, 3.0, -1, null, null, null, Venue.GATEIO);
        add(list, "ICP", 11, 60, 3.5);
        add(list, "GRT", 0.24, 50, 3.5);
        add(list, "SAND", 0.42, 50, 3.5);
        add(list, "MANA", 0.42, 40, 3.5);
        add(list, "AXS", 6.8, 40, 3.5);
        add(list, "GALA", 0.035, 60, 4.0);
        add(list, "APE", 1.2, 60, 4.0);
        add(list, "DYDX", 1.8, 60, 4.0);
        add(list, "WLD", 4.5, 250, 4.5);
        add(list, "JUP", 1.05, 100, 4.5);
        add(list, "PYTH", 0.42, 60, 4.5);
        add(list, "ORDI", 38, 150, 4.5);
        add(list, "ENA", 0.75, 200, 4.5);
        add(list, "ONDO", 1.05, 100, 4.0, -1, null, null, null, Venue.BINANCE_SPOT);
        add(list, "TON", 6.5, 150, 3.0);
        add(list, "NOT", 0.015, 150, 5.0, -1, null, null, null, Venue.HTX);
        add(list, "WIF", 2.6, 400, 5.0);
        add(list, "FET", 1.9, 200, 4.5);
        add(list, "RENDER", 8.5, 100, 4.0);
        add(list, "EGLD", 36, 30, 3.5, -1, null, null, null, Venue.HTX);
        add(list, "KAS", 0.16, 60, 4.0, -1, null, null, null, Venue.BINANCE, Venue.BINANCE_SPOT);
        addThousand(list, "PEPE", 0.0000115, 600, 5.5, 6, 7);
        addThousand(list, "SHIB", 0.0000235, 150, 4.0, 5, 4);
        addThousand(list, "BONK", 0.000028, 120, 6.0, 5, 5);
        addThousand(list, "FLOKI", 0.00018, 100, 6.0, 4, 4);
        return list;
    }

    private static void add(List<Asset> list, String name, double price, double volM, double sigma) {
        add(list, name, price, volM, sigma, -1, null, null, null);
    }

    private static void add(List<Asset> list, String name, double price, double volM, double sigma,
            int tickScale, Integer lotExp, Integer htxExp, Integer gateExp, Venue... missing) {
        Set<Venue> notListed = missing.length == 0 ? ALL : Collections.unmodifiableSet(EnumSet.of(missing[0], missing));
        list.add(new Asset(list.size(), name, price, volM * 1e6, sigma, false, tickScale, lotExp, htxExp, gateExp,
                notListed));
    }

    private static void addThousand(List<Asset> list, String name, double price, double volM, double sigma,
            int htxExp, int gateExp) {
        list.add(new Asset(list.size(), name, price, volM * 1e6, sigma, true, -1, 0, htxExp, gateExp, ALL));
    }
}
