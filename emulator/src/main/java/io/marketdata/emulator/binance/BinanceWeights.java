package io.marketdata.emulator.binance;

import io.marketdata.emulator.EmulatorConfig;
import io.marketdata.emulator.web.JsonWriter;
import io.marketdata.emulator.web.Responses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/**
 * Request-weight accounting of the two Binance APIs (futures 2400/min, spot 6000/min). Every
 * response carries {@code X-MBX-USED-WEIGHT-1M}; with {@code emulator.binance.enforce-weight-limit}
 * a request over the limit gets 429 + {@code Retry-After} like the real API.
 */
@ApplicationScoped
public class BinanceWeights {

    public static final String HEADER = "X-MBX-USED-WEIGHT-1M";

    /** Futures depth weight: 2 up to 50 levels, 5 up to 100, 10 up to 500, 20 above. */
    private static final int[] FUTURES_DEPTH_UP_TO = {50, 100, 500};
    private static final int[] FUTURES_DEPTH_WEIGHTS = {2, 5, 10, 20};
    /** Spot depth weight: 5 up to 100 levels, 25 up to 500, 50 up to 1000, 250 above. */
    private static final int[] SPOT_DEPTH_UP_TO = {100, 500, 1000};
    private static final int[] SPOT_DEPTH_WEIGHTS = {5, 25, 50, 250};

    private final WeightWindow futures;
    private final WeightWindow spot;
    private final boolean enforce;

    @Inject
    public BinanceWeights(EmulatorConfig config) {
        this.futures = new WeightWindow(config.binance().futuresWeightLimit());
        this.spot = new WeightWindow(config.binance().spotWeightLimit());
        this.enforce = config.binance().enforceWeightLimit();
    }

    public WeightWindow futures() {
        return futures;
    }

    public WeightWindow spot() {
        return spot;
    }

    public void reset() {
        futures.reset();
        spot.reset();
    }

    /** Charges {@code weight} and answers {@code body} with the weight header (or 429 when enforced and over). */
    public Response respond(WeightWindow window, boolean spotApi, int weight, int status, String body) {
        long now = System.currentTimeMillis();
        int used = window.add(now, weight);
        if (enforce && used > window.limit()) {
            String msg = "Too many requests; current limit of IP is " + window.limit()
                    + " requests per minute. Please use the websocket for live updates to avoid polling the API.";
            Response.ResponseBuilder rb = Response.status(429).type(Responses.JSON)
                    .entity(error(-1003, msg))
                    .header("Retry-After", WeightWindow.secondsToNextMinute(now))
                    .header(HEADER, used);
            if (spotApi) {
                rb.header("X-MBX-USED-WEIGHT", used);
            }
            return rb.build();
        }
        Response.ResponseBuilder rb = Response.status(status).type(Responses.JSON).entity(body).header(HEADER, used);
        if (spotApi) {
            rb.header("X-MBX-USED-WEIGHT", used);
        }
        return rb.build();
    }

    /** Binance's -1102 body: the mandatory parameter {@code param} is missing. */
    public static String mandatory(String param) {
        return error(-1102, "Mandatory parameter '" + param + "' was not sent, was empty/null, or malformed.");
    }

    /** Binance's -1100 body: {@code param} is outside {@code legalRange}. */
    public static String illegal(String param, String legalRange) {
        return error(-1100, "Illegal characters found in parameter '" + param + "'; legal range is '" + legalRange
                + "'.");
    }

    /** Binance's -1121 body: the symbol is not listed. */
    public static String invalidSymbol() {
        return error(-1121, "Invalid symbol.");
    }

    /** The weight of a futures {@code depth} request at {@code limit} levels. */
    static int futuresDepth(int limit) {
        return tiered(limit, FUTURES_DEPTH_UP_TO, FUTURES_DEPTH_WEIGHTS);
    }

    /** The weight of a spot {@code depth} request at {@code limit} levels. */
    static int spotDepth(int limit) {
        return tiered(limit, SPOT_DEPTH_UP_TO, SPOT_DEPTH_WEIGHTS);
    }

    /**
     * A weight by tiers: {@code weights[k]} for the first {@code upTo[k]} that {@code value} does not
     * exceed, else the last weight ({@code weights} has one entry more than {@code upTo}).
     */
    private static int tiered(int value, int[] upTo, int[] weights) {
        for (int k = 0; k < upTo.length; k++) {
            if (value <= upTo[k]) {
                return weights[k];
            }
        }
        return weights[upTo.length];
    }

    /** Binance's error body {"code":…,"msg":…}. */
    public static String error(int code, String msg) {
        return new JsonWriter().beginObject().field("code", code).field("msg", msg).endObject().toString();
    }
}
