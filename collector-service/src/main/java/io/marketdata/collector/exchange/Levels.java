package io.marketdata.collector.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Parsing of venue book levels and numeric fields that arrive as JSON numbers or strings. Levels are
 * {@code [price, size, …]} arrays or {@code {"p":…,"s":…}} objects; sizes are multiplied by the
 * contract size in decimal so {@code 24909 × 0.0001} is {@code 2.4909}, not {@code 2.4909000000000003}.
 */
public final class Levels {

    private Levels() {
    }

    /**
     * @param levels       the JSON array of levels
     * @param contractSize base units per size unit (1 when sizes are already in base units)
     * @param descending   true for bids (best = highest price first), false for asks
     */
    public static double[][] parse(JsonNode levels, double contractSize, boolean descending) throws ExchangeException {
        if (levels == null || !levels.isArray()) {
            throw ExchangeException.badResponse("book side is not an array");
        }
        BigDecimal multiplier = contractSize == 1.0 ? null : BigDecimal.valueOf(contractSize);
        double[][] out = new double[levels.size()][];
        int n = 0;
        boolean sorted = true;
        for (JsonNode level : levels) {
            JsonNode priceNode;
            JsonNode sizeNode;
            if (level.isArray() && level.size() >= 2) {
                priceNode = level.get(0);
                sizeNode = level.get(1);
            } else if (level.isObject()) {
                priceNode = level.get("p");
                sizeNode = level.get("s");
            } else {
                throw ExchangeException.badResponse("unexpected book level " + level);
            }
            double price = number(priceNode, "price");
            double size = multiplier == null ? number(sizeNode, "size") : decimal(sizeNode, "size").multiply(multiplier).doubleValue();
            if (!(price > 0) || !Double.isFinite(price)) {
                throw ExchangeException.badResponse("non-positive price in book: " + level);
            }
            if (!(size > 0)) {
                continue; // zero-size levels carry no liquidity
            }
            if (n > 0 && (descending ? price >= out[n - 1][0] : price <= out[n - 1][0])) {
                sorted = false;
            }
            out[n++] = new double[] {price, size};
        }
        double[][] result = n == out.length ? out : Arrays.copyOf(out, n);
        if (!sorted) {
            Comparator<double[]> byPrice = Comparator.comparingDouble(l -> l[0]);
            Arrays.sort(result, descending ? byPrice.reversed() : byPrice);
        }
        return result;
    }

    /** A required number given as a JSON number or numeric string. */
    public static double number(JsonNode node, String field) throws ExchangeException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw ExchangeException.badResponse("missing " + field);
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw ExchangeException.badResponse(field + " is not a number: " + node);
            }
        }
        throw ExchangeException.badResponse(field + " is not a number: " + node);
    }

    /** An optional number: null when absent, null or an empty string. */
    public static Double optionalNumber(JsonNode node, String field) throws ExchangeException {
        if (node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.textValue().isBlank())) {
            return null;
        }
        return number(node, field);
    }

    /** An optional integer (epoch times, ids) given as a number or string; null when absent. */
    public static Long optionalLong(JsonNode node, String field) throws ExchangeException {
        Double value = optionalNumber(node, field);
        return value == null ? null : Math.round(value);
    }

    static BigDecimal decimal(JsonNode node, String field) throws ExchangeException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw ExchangeException.badResponse("missing " + field);
        }
        try {
            return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim());
        } catch (NumberFormatException e) {
            throw ExchangeException.badResponse(field + " is not a number: " + node);
        }
    }

    /** Multiplies in decimal, for contract → base conversions of single values. */
    public static double times(double value, double contractSize) {
        return contractSize == 1.0 ? value
                : BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(contractSize)).doubleValue();
    }
}
