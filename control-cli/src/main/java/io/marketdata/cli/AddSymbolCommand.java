package io.marketdata.cli;

import io.marketdata.contracts.control.ControlCommand;
import io.marketdata.contracts.control.ControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "add_symbol",
        description = "Add a symbol to the collected set; every exchange picks it up on its next cycle.",
        footerHeading = "%nExample:%n",
        footer = "  control-cli add_symbol SOL/USDT:USDT")
final class AddSymbolCommand extends ControlSubcommand {

    @Parameters(paramLabel = "SYMBOL", description = "Unified symbol: BASE/QUOTE:SETTLE for perpetuals "
            + "(SOL/USDT:USDT), BASE/QUOTE for spot.")
    String symbol;

    @Override
    ControlCommand command() {
        return ControlCommand.ADD_SYMBOL;
    }

    @Override
    ControlRequest request(String correlationId, long epochSeconds) {
        return super.request(correlationId, epochSeconds).withSymbol(symbol.strip());
    }
}
