package io.marketdata.contracts.control;

import java.util.Optional;

/** The commands of the collector's control queue (SPEC §4.2). */
public enum ControlCommand {
    ADD_SYMBOL("add_symbol"),
    REMOVE_SYMBOL("remove_symbol"),
    SET_SYMBOLS("set_symbols"),
    GET_SYMBOLS("get_symbols"),
    GET_STATISTICS("get_statistics");

    private final String wireName;

    ControlCommand(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ControlCommand> fromWire(String value) {
        for (ControlCommand command : values()) {
            if (command.wireName.equals(value)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }
}
