package io.marketdata.cli;

import io.marketdata.contracts.control.ControlCommand;
import picocli.CommandLine.Command;

@Command(name = "get_statistics",
        description = "Print per-exchange success/error counts and the RabbitMQ publish counters.")
final class GetStatisticsCommand extends ControlSubcommand {

    @Override
    ControlCommand command() {
        return ControlCommand.GET_STATISTICS;
    }
}
