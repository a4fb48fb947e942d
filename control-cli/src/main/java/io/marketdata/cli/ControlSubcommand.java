package io.marketdata.cli;

import io.marketdata.contracts.control.ControlCommand;
import io.marketdata.contracts.control.ControlRequest;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** One control command: builds its request, sends it through the parent's connection options. */
abstract class ControlSubcommand implements Callable<Integer> {

    @ParentCommand
    ControlCli cli;

    @Spec
    CommandSpec spec;

    abstract ControlCommand command();

    /** The request, with the command's arguments (sent as given: the collector validates them). */
    ControlRequest request(String correlationId, long epochSeconds) {
        return ControlRequest.of(command(), correlationId, epochSeconds);
    }

    @Override
    public Integer call() {
        ControlRequest request = request(UUID.randomUUID().toString(), cli.epochSeconds());
        return cli.send(spec, request);
    }
}
