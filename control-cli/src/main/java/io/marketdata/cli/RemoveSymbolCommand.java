package io.marketdata.cli;

import io.marketdata.contracts.control.ControlCommand;
import io.marketdata.contracts.control.ControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove_symbol",
        description = "Remove a symbol from the collected set.",
        footerHeading = "%nExample:%n",
        footer = "  control-cli remove_symbol ETH/USDT:USDT")
final class RemoveSymbolCommand extends ControlSubcommand {

    @Parameters(paramLabel = "SYMBOL", description = "Unified symbol, e.g. ETH/USDT:USDT.")
    String symbol;

    @Override
    ControlCommand command() {
        return ControlCommand.REMOVE_SYMBOL;
    }

    @Override
    ControlRequest request(String correlationId, long epochSeconds) {
        return super.request(correlationId, epochSeconds).withSymbol(symbol.strip());
    }
}
