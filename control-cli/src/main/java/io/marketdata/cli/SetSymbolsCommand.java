package io.marketdata.cli;

import io.marketdata.contracts.control.ControlCommand;
import io.marketdata.contracts.control.ControlRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "set_symbols",
        description = "Replace the whole collected set.",
        footerHeading = "%nExamples:%n",
        footer = {"  control-cli set_symbols \"BTC/USDT:USDT,SOL/USDT:USDT\"",
                "  control-cli set_symbols BTC/USDT:USDT SOL/USDT:USDT"})
final class SetSymbolsCommand extends ControlSubcommand {

    @Parameters(paramLabel = "SYMBOLS", arity = "1..*",
            description = "Comma-separated symbols (blanks around them are ignored); several arguments are joined.")
    List<String> arguments;

    @Override
    ControlCommand command() {
        return ControlCommand.SET_SYMBOLS;
    }

    @Override
    ControlRequest request(String correlationId, long epochSeconds) {
        return super.request(correlationId, epochSeconds).withSymbols(Symbols.split(arguments));
    }
}
