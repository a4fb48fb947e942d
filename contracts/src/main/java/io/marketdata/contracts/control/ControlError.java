package io.marketdata.contracts.control;

/** Error codes of control responses; {@link #TIMEOUT} is produced by clients only. */
public enum ControlError {
    INVALID_COMMAND("invalid_command"),
    INVALID_JSON("invalid_json"),
    DUPLICATE_SYMBOL("duplicate_symbol"),
    SYMBOL_NOT_FOUND("symbol_not_found"),
    UNKNOWN_COMMAND("unknown_command"),
    INTERNAL_ERROR("internal_error"),
    TIMEOUT("timeout");

    private final String code;

    ControlError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
