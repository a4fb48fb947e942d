package io.marketdata.collector.exchange;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Required fields of venue REST answers, shared by the venue parsers. Every failure is an
 * {@link ExchangeException#badResponse} whose message starts with {@code what} (the venue and call,
 * e.g. {@code "bybit orderbook BTCUSDT"}) and names the field: {@code "…: missing 'bids'"},
 * {@code "…: 'bids' is not an array"}.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** {@code node.field}, present, not null and a JSON array. */
    public static JsonNode requiredArray(JsonNode node, String field, String what) throws ExchangeException {
        JsonNode value = required(node, field, what);
        if (!value.isArray()) {
            throw ExchangeException.badResponse(what + ": '" + field + "' is not an array");
        }
        return value;
    }

    /** {@code node.field}, present, not null and a JSON object. */
    public static JsonNode requiredObject(JsonNode node, String field, String what) throws ExchangeException {
        JsonNode value = required(node, field, what);
        if (!value.isObject()) {
            throw ExchangeException.badResponse(what + ": '" + field + "' is not an object");
        }
        return value;
    }

    /** The text of {@code node.field}, which must be present, not null and not blank. */
    public static String requiredText(JsonNode node, String field, String what) throws ExchangeException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw missing(field, what);
        }
        return value.asText();
    }

    /** The integer (a time, an id) in {@code node.field}, given as a number or a numeric string. */
    public static long requiredLong(JsonNode node, String field, String what) throws ExchangeException {
        Long value = Levels.optionalLong(node.get(field), what + " " + field);
        if (value == null) {
            throw missing(field, what);
        }
        return value;
    }

    /** {@code body} itself when it is a JSON array, else {@code "<what>: expected an array"}. */
    public static JsonNode arrayBody(JsonNode body, String what) throws ExchangeException {
        return arrayBody(body, what, "expected an array");
    }

    /** {@code body} itself when it is a JSON array, else {@code "<what>: <problem>"}. */
    public static JsonNode arrayBody(JsonNode body, String what, String problem) throws ExchangeException {
        if (!body.isArray()) {
            throw ExchangeException.badResponse(what + ": " + problem);
        }
        return body;
    }

    private static JsonNode required(JsonNode node, String field, String what) throws ExchangeException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw missing(field, what);
        }
        return value;
    }

    private static ExchangeException missing(String field, String what) {
        return ExchangeException.badResponse(what + ": missing '" + field + "'");
    }
}
