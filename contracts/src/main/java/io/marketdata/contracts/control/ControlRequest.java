package io.marketdata.contracts.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A request on {@code futures_collector_control}. {@code timestamp} is in epoch <b>seconds</b>
 * (the seed's control API). {@code symbol} is set for add/remove, {@code symbols} for set_symbols.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlRequest(String command, String symbol, List<String> symbols, String correlationId, long timestamp) {

    /** Largest request body the collector reads; a larger one is answered {@code invalid_json}. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** Longest command name accepted (the longest real one is 14); longer → {@code invalid_command}. */
    public static final int MAX_COMMAND_LENGTH = 32;
    /** Longest symbol accepted, and longest correlation id echoed back. */
    public static final int MAX_SYMBOL_LENGTH = 64;
    public static final int MAX_CORRELATION_ID_LENGTH = 128;
    /** Most symbols one {@code set_symbols} may carry. */
    public static final int MAX_SYMBOLS = 2_000;

    public static ControlRequest of(ControlCommand command, String correlationId, long epochSeconds) {
        return new ControlRequest(command.wireName(), null, null, correlationId, epochSeconds);
    }

    public ControlRequest withSymbol(String value) {
        return new ControlRequest(command, value, symbols, correlationId, timestamp);
    }

    public ControlRequest withSymbols(List<String> values) {
        return new ControlRequest(command, symbol, values, correlationId, timestamp);
    }
}
