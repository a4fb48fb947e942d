package io.marketdata.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Symbol arguments of {@code set_symbols}. The CLI does not judge symbols itself: the collector
 * validates them and answers {@code invalid_command} for a malformed one, so there is one rule,
 * the collector's.
 */
final class Symbols {

    private Symbols() {
    }

    /** Splits every argument on commas, trims blanks and drops empty items, keeping order. */
    static List<String> split(List<String> arguments) {
        List<String> symbols = new ArrayList<>();
        for (String argument : arguments) {
            for (String item : argument.split(",")) {
                String symbol = item.strip();
                if (!symbol.isEmpty()) {
                    symbols.add(symbol);
                }
            }
        }
        return symbols;
    }
}
