package io.marketdata.cli;

import io.marketdata.contracts.control.ControlCommand;
import picocli.CommandLine.Command;

@Command(name = "get_symbols", description = "Print the collected symbols.")
final class GetSymbolsCommand extends ControlSubcommand {

    @Override
    ControlCommand command() {
        return ControlCommand.GET_SYMBOLS;
    }
}
