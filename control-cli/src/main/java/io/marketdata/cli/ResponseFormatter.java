package io.marketdata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Human-readable rendering of a control response: one result line, then the data. Symbol lists
 * are printed one per line with their count, statistics as a table per exchange plus the
 * RabbitMQ publish counters, and every other data key as {@code key: value} (an object unfolded
 * one level: {@code key:} then {@code   sub_key: value} lines).
 */
final class ResponseFormatter {

    private static final String SUCCESS_KEY = "exchange_success";
    private static final String ERRORS_KEY = "exchange_errors";
    private static final String RABBITMQ_PREFIX = "rabbitmq_";
    private static final String INDENT = "  ";

    private ResponseFormatter() {
    }

    /** The result line of a successful response: {@code OK <command>: <message>}. */
    static String successLine(JsonNode response) {
        return "OK " + text(response, "command") + ": " + text(response, "message");
    }

    /** The line for a failed response: {@code ERROR <code>: <message> (command <command>)}. */
    static String errorLine(JsonNode response) {
        String code = response.hasNonNull("error") ? text(response, "error") : "unknown_error";
        return "ERROR " + code + ": " + text(response, "message") + " (command " + text(response, "command") + ")";
    }

    /** The lines rendering {@code data}; none when it is absent or empty. */
    static List<String> dataLines(JsonNode data) {
        List<String> lines = new ArrayList<>();
        if (data == null || !data.isObject()) {
            if (data != null && !data.isNull() && !data.isMissingNode()) {
                lines.add("data: " + data);
            }
            return lines;
        }
        Set<String> done = new LinkedHashSet<>();
        Set<Integer> listSizes = new LinkedHashSet<>();

        if (data.path("symbol").isTextual()) {
            lines.add("Symbol: " + data.get("symbol").asText());
            done.add("symbol");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (isTextList(field.getValue())) {
                JsonNode list = field.getValue();
                lines.add(title(field.getKey()) + " (" + list.size() + "):");
                list.forEach(item -> lines.add(INDENT + item.asText()));
                listSizes.add(list.size());
                done.add(field.getKey());
            }
        }
        JsonNode count = data.get("count");
        if (count != null && count.canConvertToInt() && listSizes.contains(count.asInt())) {
            done.add("count");
        }
        if (data.path(SUCCESS_KEY).isObject() || data.path(ERRORS_KEY).isObject()) {
            lines.addAll(exchangeTable(data.path(SUCCESS_KEY), data.path(ERRORS_KEY)));
            done.add(SUCCESS_KEY);
            done.add(ERRORS_KEY);
        }
        lines.addAll(rabbitmqBlock(data, done));
        for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (done.contains(field.getKey())) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty()) {
                // one level unfolded: "key:" then "  sub_key: value" (deeper levels as compact JSON)
                lines.add(field.getKey() + ":");
                value.fields().forEachRemaining(entry ->
                        lines.add(INDENT + entry.getKey() + ": " + scalarOrJson(entry.getValue())));
            } else {
                lines.add(field.getKey() + ": " + scalarOrJson(value));
            }
        }
        return lines;
    }

    /** Table of per-exchange success and error counts, exchanges in alphabetical order, with a total row. */
    static List<String> exchangeTable(JsonNode success, JsonNode errors) {
        Set<String> exchanges = new TreeSet<>();
        success.fieldNames().forEachRemaining(exchanges::add);
        errors.fieldNames().forEachRemaining(exchanges::add);

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Exchange", "Success", "Errors"});
        long totalSuccess = 0;
        long totalErrors = 0;
        boolean summable = true;
        for (String exchange : exchanges) {
            JsonNode ok = success.path(exchange);
            JsonNode failed = errors.path(exchange);
            rows.add(new String[] {exchange, count(ok), count(failed)});
            summable &= isCount(ok) && isCount(failed);
            totalSuccess += ok.asLong(0);
            totalErrors += failed.asLong(0);
        }
        if (exchanges.isEmpty()) {
            rows.add(new String[] {"(none yet)", "0", "0"});
        } else if (summable && exchanges.size() > 1) {
            rows.add(new String[] {"total", Long.toString(totalSuccess), Long.toString(totalErrors)});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            lines.add(padRight(row[0], widths[0]) + "  " + padLeft(row[1], widths[1]) + "  " + padLeft(row[2], widths[2]));
        }
        return lines;
    }

    private static List<String> rabbitmqBlock(JsonNode data, Set<String> done) {
        List<String[]> pairs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().startsWith(RABBITMQ_PREFIX) && field.getValue().isValueNode()) {
                String label = "RabbitMQ " + field.getKey().substring(RABBITMQ_PREFIX.length()).replace('_', ' ') + ":";
                pairs.add(new String[] {label, field.getValue().asText()});
                done.add(field.getKey());
            }
        }
        int width = pairs.stream().mapToInt(pair -> pair[0].length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (String[] pair : pairs) {
            lines.add(padRight(pair[0], width) + " " + pair[1]);
        }
        return lines;
    }

    private static boolean isTextList(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCount(JsonNode node) {
        return node.isMissingNode() || node.isIntegralNumber();
    }

    private static String count(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "0" : scalarOrJson(node);
    }

    private static String scalarOrJson(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String title(String key) {
        String words = key.replace('_', ' ');
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static String padRight(String value, int width) {
        return value + " ".repeat(Math.max(0, width - value.length()));
    }

    private static String padLeft(String value, int width) {
        return " ".repeat(Math.max(0, width - value.length())) + value;
    }
}
