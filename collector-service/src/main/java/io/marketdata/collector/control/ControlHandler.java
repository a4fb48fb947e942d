package io.marketdata.collector.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.stats.CollectorStatistics;
import io.marketdata.collector.symbols.SymbolRegistry;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.control.ControlCommand;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.control.ControlError;
import io.marketdata.contracts.control.ControlRequest;
import io.marketdata.contracts.control.ControlResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Turns one control request body into its response (SPEC §4.2). Validation happens before any
 * change, and the input bounds of {@link ControlRequest} before parsing: a body over
 * {@code MAX_BODY_BYTES} or that is not JSON is {@code invalid_json}; a missing, mistyped or
 * over-long field or a malformed symbol is {@code invalid_command}; symbols are upper-cased and
 * must be perpetuals ({@code BASE/QUOTE:SETTLE}). A response never echoes more than a short prefix
 * of any input (command, symbol, correlation id, error text). Never throws: an unexpected failure
 * is {@code internal_error}.
 */
@ApplicationScoped
public class ControlHandler {

    private static final Logger LOG = Logger.getLogger(ControlHandler.class);
    /** Longest {@code message} of a response; parser and database errors can quote the input. */
    static final int MAX_MESSAGE_LENGTH = 300;

    @Inject
    SymbolRegistry symbols;
    @Inject
    CollectorStatistics statistics;

    /**
     * @param body                   the request body as received
     * @param propertyCorrelationId  the AMQP correlation id, used when the body has none readable
     */
    public ControlResponse handle(byte[] body, String propertyCorrelationId) {
        ControlResponse response = answer(body, validCorrelationId(propertyCorrelationId));
        return new ControlResponse(response.correlationId(), response.success(), response.command(),
                prefix(response.message(), MAX_MESSAGE_LENGTH), response.data(), response.error(), response.timestamp());
    }

    private ControlResponse answer(byte[] body, String propertyCorrelationId) {
        long now = System.currentTimeMillis() / 1000;
        if (body.length > ControlRequest.MAX_BODY_BYTES) {
            return ControlResponse.failure(propertyCorrelationId, null, ControlError.INVALID_JSON, "Request body has "
                    + body.length + " bytes; at most " + ControlRequest.MAX_BODY_BYTES + " are accepted", now);
        }
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return ControlResponse.failure(propertyCorrelationId, null, ControlError.INVALID_JSON,
                    "Request is not valid JSON: " + prefix(e.getOriginalMessage(), 120), now);
        } catch (IOException | RuntimeException e) {
            return ControlResponse.failure(propertyCorrelationId, null, ControlError.INVALID_JSON,
                    "Request is not valid JSON", now);
        }
        if (request == null || !request.isObject()) {
            return ControlResponse.failure(propertyCorrelationId, null, ControlError.INVALID_JSON,
                    "Request must be a JSON object", now);
        }
        JsonNode correlationNode = request.get("correlation_id");
        String bodyCorrelationId = correlationNode != null && correlationNode.isTextual() ? correlationNode.textValue() : null;
        String correlationId = bodyCorrelationId != null ? validCorrelationId(bodyCorrelationId) : propertyCorrelationId;
        JsonNode commandNode = request.get("command");
        String commandName = commandNode != null && commandNode.isTextual() ? commandNode.textValue() : null;
        String echoedCommand = commandName == null ? null : prefix(commandName, ControlRequest.MAX_COMMAND_LENGTH);
        try {
            if (commandNode == null || commandNode.isNull()) {
                throw new InvalidRequest(ControlError.INVALID_COMMAND, "Missing field 'command'");
            }
            if (commandName == null) {
                throw new InvalidRequest(ControlError.INVALID_COMMAND, "Field 'command' must be a string");
            }
            if (commandName.length() > ControlRequest.MAX_COMMAND_LENGTH) {
                throw new InvalidRequest(ControlError.INVALID_COMMAND, "Field 'command' is longer than "
                        + ControlRequest.MAX_COMMAND_LENGTH + " characters");
            }
            if (correlationNode == null || correlationNode.isNull()) {
                throw new InvalidRequest(ControlError.INVALID_COMMAND, "Missing field 'correlation_id'");
            }
            if (bodyCorrelationId == null || bodyCorrelationId.isBlank()) {
                throw new InvalidRequest(ControlError.INVALID_COMMAND, "Field 'correlation_id' must be a non-empty string");
            }
            if (bodyCorrelationId.length() > ControlRequest.MAX_CORRELATION_ID_LENGTH) {
                throw new InvalidRequest(ControlError.INVALID_COMMAND, "Field 'correlation_id' is longer than "
                        + ControlRequest.MAX_CORRELATION_ID_LENGTH + " characters");
            }
            JsonNode timestamp = request.get("timestamp");
            if (timestamp != null && !timestamp.isNull() && !timestamp.isIntegralNumber()) {
                throw new InvalidRequest(ControlError.INVALID_COMMAND, "Field 'timestamp' must be an integer (epoch seconds)");
            }
            Optional<ControlCommand> command = ControlCommand.fromWire(commandName);
            if (command.isEmpty()) {
                throw new InvalidRequest(ControlError.UNKNOWN_COMMAND, "Unknown command '" + commandName
                        + "'; known: add_symbol, remove_symbol, set_symbols, get_symbols, get_statistics");
            }
            return execute(command.get(), request, correlationId, now);
        } catch (InvalidRequest e) {
            return ControlResponse.failure(correlationId, echoedCommand, e.error, e.getMessage(), now);
        } catch (Exception e) {
            LOG.errorf(e, "[control] %s failed", echoedCommand);
            return ControlResponse.failure(correlationId, echoedCommand, ControlError.INTERNAL_ERROR,
                    "Internal error: " + e.getMessage(), now);
        }
    }

    /** The routing key of a response on {@code futures_collector_responses}: bounded whatever the input. */
    public static String routingKey(ControlResponse response) {
        if (response.command() == null) {
            return Topology.CONTROL_RESPONSE_UNREADABLE_KEY;
        }
        return ControlCommand.fromWire(response.command()).map(c -> Topology.controlResponseKey(c.wireName()))
                .orElse(Topology.CONTROL_RESPONSE_INVALID_KEY);
    }

    /** A correlation id within bounds, else none (a prefix could name another request). */
    static String validCorrelationId(String id) {
        return id == null || id.isBlank() || id.length() > ControlRequest.MAX_CORRELATION_ID_LENGTH ? null : id;
    }

    /** At most {@code max} characters of {@code text}, marked when cut. */
    static String prefix(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "…";
    }

    private ControlResponse execute(ControlCommand command, JsonNode request, String correlationId, long now)
            throws Exception {
        String name = command.wireName();
        switch (command) {
            case ADD_SYMBOL -> {
                UnifiedSymbol symbol = symbolField(request);
                if (!symbols.add(symbol)) {
                    return ControlResponse.failure(correlationId, name, ControlError.DUPLICATE_SYMBOL,
                            "Symbol " + symbol + " already exists", now);
                }
                return ControlResponse.ok(correlationId, name, "Symbol " + symbol + " added successfully",
                        symbolData(symbol), now);
            }
            case REMOVE_SYMBOL -> {
                UnifiedSymbol symbol = symbolField(request);
                if (!symbols.remove(symbol)) {
                    return ControlResponse.failure(correlationId, name, ControlError.SYMBOL_NOT_FOUND,
                            "Symbol " + symbol + " not found", now);
                }
                return ControlResponse.ok(correlationId, name, "Symbol " + symbol + " removed successfully",
                        symbolData(symbol), now);
            }
            case SET_SYMBOLS -> {
                List<UnifiedSymbol> list = symbolsField(request);
                symbols.replace(list);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("symbols", symbols.currentNames());
                data.put("count", symbols.current().size());
                return ControlResponse.ok(correlationId, name, "Symbol list replaced (" + list.size() + " symbols)", data,
                        now);
            }
            case GET_SYMBOLS -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("symbols", symbols.currentNames());
                data.put("count", symbols.current().size());
                return ControlResponse.ok(correlationId, name, "Symbols retrieved successfully", data, now);
            }
            case GET_STATISTICS -> {
                return ControlResponse.ok(correlationId, name, "Statistics retrieved successfully", statistics.snapshot(),
                        now);
            }
            default -> throw new IllegalStateException("unhandled command " + command);
        }
    }

    private Map<String, Object> symbolData(UnifiedSymbol symbol) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("symbol", symbol.toString());
        data.put("current_symbols", symbols.currentNames());
        return data;
    }

    private static UnifiedSymbol symbolField(JsonNode request) throws InvalidRequest {
        JsonNode node = request.get("symbol");
        if (node == null || node.isNull()) {
            throw new InvalidRequest(ControlError.INVALID_COMMAND, "Missing field 'symbol'");
        }
        if (!node.isTextual()) {
            throw new InvalidRequest(ControlError.INVALID_COMMAND, "Field 'symbol' must be a string");
        }
        return perpetual(node.textValue());
    }

    private static List<UnifiedSymbol> symbolsField(JsonNode request) throws InvalidRequest {
        JsonNode node = request.get("symbols");
        if (node == null || node.isNull()) {
            throw new InvalidRequest(ControlError.INVALID_COMMAND, "Missing field 'symbols'");
        }
        if (!node.isArray()) {
            throw new InvalidRequest(ControlError.INVALID_COMMAND, "Field 'symbols' must be an array of strings");
        }
        if (node.isEmpty()) {
            throw new InvalidRequest(ControlError.INVALID_COMMAND, "Field 'symbols' must not be empty");
        }
        if (node.size() > ControlRequest.MAX_SYMBOLS) {
            throw new InvalidRequest(ControlError.INVALID_COMMAND, "Field 'symbols' has " + node.size()
                    + " entries; at most " + ControlRequest.MAX_SYMBOLS + " are accepted");
        }
        Set<UnifiedSymbol> list = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InvalidRequest(ControlError.INVALID_COMMAND, "Field 'symbols' must contain only strings");
            }
            UnifiedSymbol symbol = perpetual(item.textValue());
            if (!list.add(symbol)) {
                throw new InvalidRequest(ControlError.INVALID_COMMAND, "Symbol " + symbol + " is listed twice");
            }
        }
        return new ArrayList<>(list);
    }

    private static UnifiedSymbol perpetual(String text) throws InvalidRequest {
        if (text.length() > ControlRequest.MAX_SYMBOL_LENGTH) {
            throw new InvalidRequest(ControlError.INVALID_COMMAND, "Symbol '" + prefix(text, 20) + "' is longer than "
                    + ControlRequest.MAX_SYMBOL_LENGTH + " characters");
        }
        Optional<UnifiedSymbol> symbol = UnifiedSymbol.parse(text);
        if (symbol.isEmpty() || !symbol.get().isPerpetual()) {
            throw new InvalidRequest(ControlError.INVALID_COMMAND, "Malformed symbol '" + text
                    + "': expected BASE/QUOTE:SETTLE, e.g. SOL/USDT:USDT");
        }
        return symbol.get();
    }

    private static final class InvalidRequest extends Exception {
        final ControlError error;

        InvalidRequest(ControlError error, String message) {
            super(message);
            this.error = error;
        }
    }
}
