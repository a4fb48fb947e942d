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

    /** Binance's error body {"code":…,"msg":…}. */
    public static String error(int code, String msg) {
        return new JsonWriter().beginObject().field("code", code).field("msg", msg).endObject().toString();
    }
}
