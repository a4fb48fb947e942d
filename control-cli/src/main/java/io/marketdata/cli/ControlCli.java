package io.marketdata.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.control.ControlError;
import io.marketdata.contracts.control.ControlOutcome;
import io.marketdata.contracts.control.ControlRequest;
import io.marketdata.contracts.control.ControlResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code control-cli}: sends one command to the collector's control queue and prints the answer
 * (SPEC §4.2, §10). Plain Java and picocli, so it starts in well under a second.
 */
@Command(name = "control-cli",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Sends one command to the collector's control queue (futures_collector_control) over "
                + "RabbitMQ, waits for the matching answer and prints it. The options may come before or after "
                + "the command.",
        subcommands = {AddSymbolCommand.class, RemoveSymbolCommand.class, SetSymbolsCommand.class,
                GetSymbolsCommand.class, GetStatisticsCommand.class},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:the collector answered with an error (success: false), e.g. duplicate_symbol",
                "2:usage error: unknown command, missing or malformed argument or option",
                "3:timeout: no answer within --timeout (error code timeout)",
                "4:RabbitMQ unreachable (connection, login, vhost) or the control queue does not exist"})
public final class ControlCli implements Callable<Integer> {

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the collector's response JSON exactly as received (one object).")
    boolean json;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long to wait for the answer: 10s, 500ms, 2m or plain seconds (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--host", scope = ScopeType.INHERIT, paramLabel = "HOST",
            description = "RabbitMQ host (env RABBITMQ_HOST, default: localhost).")
    String host;

    @Option(names = "--port", scope = ScopeType.INHERIT, paramLabel = "PORT",
            description = "RabbitMQ AMQP port (env RABBITMQ_PORT, default: 5672).")
    int port;

    @Option(names = "--user", scope = ScopeType.INHERIT, paramLabel = "USER",
            description = "RabbitMQ user (env RABBITMQ_USERNAME, default: guest).")
    String user;

    @Option(names = "--password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD",
            description = "RabbitMQ password (env RABBITMQ_PASSWORD, default: guest).")
    String password;

    @Option(names = "--vhost", scope = ScopeType.INHERIT, paramLabel = "VHOST",
            description = "RabbitMQ virtual host (env RABBITMQ_VHOST, default: /).")
    String vhost;

    /** For tests and side-by-side setups: the control queue's name (env CONTROL_QUEUE). */
    @Option(names = "--queue", scope = ScopeType.INHERIT, hidden = true, paramLabel = "QUEUE")
    String queue;

    @Spec
    CommandSpec spec;

    private final Clock clock;

    public ControlCli() {
        this(Clock.systemUTC());
    }

    ControlCli(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err, System.getenv()));
    }

    /** Parses and runs {@code args}; returns the exit code (see {@link ExitCodes}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        int exitCode = commandLine(new ControlCli(), environment).setOut(out).setErr(err).execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    static CommandLine commandLine(ControlCli cli, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            failed.getErr().println("ERROR internal: " + exception);
            return ExitCodes.COLLECTOR_ERROR;
        });
        return commandLine;
    }

    /** Without a command: a usage error listing the commands. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    long epochSeconds() {
        return clock.instant().getEpochSecond();
    }

    AmqpSettings broker(CommandSpec command) {
        if (port < 1 || port > 65_535) {
            throw new ParameterException(command.commandLine(), "--port must be 1..65535, was " + port);
        }
        return new AmqpSettings(host, port, user, password, vhost);
    }

    /** Sends {@code request}, prints the outcome on the command's streams, returns the exit code. */
    int send(CommandSpec command, ControlRequest request) {
        AmqpSettings broker = broker(command);
        ControlOutcome outcome = new ControlClient(broker).call(queue, request, timeout);
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        if (outcome instanceof ControlOutcome.Answered answered) {
            return printAnswer(answered, out, err);
        }
        if (outcome instanceof ControlOutcome.TimedOut timedOut) {
            return printTimeout(request, timedOut, out, err);
        }
        if (outcome instanceof ControlOutcome.QueueMissing missing) {
            err.println("ERROR: the control queue " + missing.queue()
                    + " does not exist: is the collector running?");
            return ExitCodes.UNAVAILABLE;
        }
        ControlOutcome.BrokerUnavailable unavailable = (ControlOutcome.BrokerUnavailable) outcome;
        err.println("ERROR: " + unavailable.reason());
        return ExitCodes.UNAVAILABLE;
    }

    private int printAnswer(ControlOutcome.Answered answered, PrintWriter out, PrintWriter err) {
        JsonNode response;
        try {
            response = Json.MAPPER.readTree(answered.body());
        } catch (IOException e) {
            response = null;
        }
        if (response == null || !response.isObject()) {
            if (json) {
                out.println(answered.text().strip());
            }
            err.println("ERROR: the collector's answer is not a JSON object: " + abbreviate(answered.text()));
            return ExitCodes.COLLECTOR_ERROR;
        }
        boolean success = response.path("success").asBoolean(false);
        if (json) {
            out.println(answered.text().strip());
        } else if (success) {
            out.println(ResponseFormatter.successLine(response));
            ResponseFormatter.dataLines(response.get("data")).forEach(out::println);
        } else {
            err.println(ResponseFormatter.errorLine(response));
        }
        return success ? ExitCodes.OK : ExitCodes.COLLECTOR_ERROR;
    }

    private int printTimeout(ControlRequest request, ControlOutcome.TimedOut timedOut, PrintWriter out,
            PrintWriter err) {
        String message = "no response within " + DurationConverter.format(timedOut.timeout());
        if (json) {
            ControlResponse response = ControlResponse.failure(request.correlationId(), request.command(),
                    ControlError.TIMEOUT, message, epochSeconds());
            try {
                out.println(Json.MAPPER.writeValueAsString(response));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            err.println("ERROR " + ControlError.TIMEOUT.code() + ": " + message + " (command " + request.command()
                    + ", queue " + queue + "): is the collector running?");
        }
        return ExitCodes.TIMEOUT;
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
