package io.marketdata.emulator.faults;

import io.marketdata.emulator.web.JsonWriter;

/** Error bodies in each venue's own error format, for injected 5xx/429/418 responses. */
public final class VenueErrors {

    private VenueErrors() {
    }

    public static String body(ApiVenue venue, int status, int retryAfterSeconds) {
        long now = System.currentTimeMillis();
        JsonWriter w = new JsonWriter().beginObject();
        switch (venue) {
            case BINANCE, BINANCE_SPOT -> {
                if (status == 500) {
                    w.field("code", -1000).field("msg", "An unknown error occured while processing the request.");
                } else if (status == 418) {
                    w.field("code", -1003).field("msg", "Way too many requests; IP banned until "
                            + (now + retryAfterSeconds * 1000L)
                            + ". Please use the websocket for live updates to avoid bans.");
                } else {
                    w.field("code", -1003).field("msg", "Too many requests; current limit of IP is exceeded."
                            + " Please use the websocket for live updates to avoid polling the API.");
                }
            }
            case BYBIT -> {
                if (status == 500) {
                    w.field("retCode", 10016).field("retMsg", "Internal server error.");
                } else {
                    w.field("retCode", 10006).field("retMsg", "Too many visits. Exceeded the API Rate Limit.");
                }
                w.emptyObject("result").emptyObject("retExtInfo").field("time", now);
            }
            case BITGET -> {
                if (status == 500) {
                    w.field("code", "40010").field("msg", "Request timed out");
                } else {
                    w.field("code", "429").field("msg", "Too Many Requests");
                }
                w.field("requestTime", now).fieldNull("data");
            }
            case HTX -> {
                w.field("status", "error");
                if (status == 500) {
                    w.field("err_code", 1004).field("err_msg", "System busy, please try again later.");
                } else {
                    w.field("err_code", 1098).field("err_msg", "Too many requests, please try again later.");
                }
                w.field("ts", now);
            }
            case GATEIO -> {
                if (status == 500) {
                    w.field("label", "SERVER_ERROR").field("message", "Internal server error");
                } else {
                    w.field("label", "TOO_MANY_REQUESTS").field("message", "Request Rate Limit Exceeded");
                }
            }
            case DEXSCREENER -> w.field("error", status == 500 ? "Internal Server Error" : "Too Many Requests");
            default -> w.field("error", "fault").field("status", status);
        }
        return w.endObject().toString();
    }
}
