package io.marketdata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.control.ControlRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Option and argument parsing, help, and the requests built from arguments (no broker needed). */
class ControlCliParsingTest {

    private static final String CORRELATION_ID = "0b3c5a5e-2f0a-4a8e-9d65-2d8f9e1f7a10";
    private static final long NOW = 1_730_107_603L;

    private record Parsed(ControlCli cli, ControlSubcommand command) {
    }

    private static Parsed parse(Map<String, String> environment, String... args) {
        ControlCli cli = new ControlCli();
        CommandLine commandLine = ControlCli.commandLine(cli, environment);
        ParseResult result = commandLine.parseArgs(args);
        ParseResult last = result;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        Object command = last.commandSpec().userObject();
        return new Parsed(cli, command instanceof ControlSubcommand sub ? sub : null);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ControlCli.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static JsonNode validRequest(ControlRequest request) {
        JsonNode body = Json.MAPPER.valueToTree(request);
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.CONTROL_REQUEST, Json.toBytes(request)),
                body.toString());
        return body;
    }

    @Test
    void defaultsWithoutEnvironment() {
        ControlCli cli = parse(Map.of(), "get_symbols").cli();
        assertEquals(new AmqpSettings("localhost", 5672, "guest", "guest", "/"), cli.broker(cli.spec));
        assertEquals(Duration.ofSeconds(10), cli.timeout);
        assertEquals(Topology.CONTROL_QUEUE, cli.queue);
        assertFalse(cli.json);
    }

    @Test
    void defaultsFromEnvironmentAndBlankVariablesIgnored() {
        ControlCli cli = parse(Map.of("RABBITMQ_HOST", "rabbit.internal", "RABBITMQ_PORT", "5673",
                "RABBITMQ_USERNAME", "ops", "RABBITMQ_PASSWORD", "s3cret", "RABBITMQ_VHOST", "",
                "CONTROL_QUEUE", "collector_control_b"), "get_statistics").cli();
        assertEquals(new AmqpSettings("rabbit.internal", 5673, "ops", "s3cret", "/"), cli.broker(cli.spec));
        assertEquals("collector_control_b", cli.queue);
    }

    @Test
    void optionsOverrideEnvironmentBeforeOrAfterTheCommand() {
        Map<String, String> environment = Map.of("RABBITMQ_HOST", "from-env", "RABBITMQ_PORT", "1");
        ControlCli after = parse(environment, "get_symbols", "--host", "h1", "--port", "5674", "--user", "u",
                "--password", "p", "--vhost", "v", "--json", "--timeout", "500ms", "--queue", "q1").cli();
        assertEquals(new AmqpSettings("h1", 5674, "u", "p", "v"), after.broker(after.spec));
        assertTrue(after.json);
        assertEquals(Duration.ofMillis(500), after.timeout);
        assertEquals("q1", after.queue);

        ControlCli before = parse(environment, "--json", "--timeout=3", "--host=h2", "get_symbols").cli();
        assertTrue(before.json);
        assertEquals(Duration.ofSeconds(3), before.timeout);
        assertEquals("h2", before.host);
        assertEquals(1, before.port);
    }

    @Test
    void addAndRemoveSymbolRequestsMatchTheSchema() {
        JsonNode add = validRequest(parse(Map.of(), "add_symbol", " SOL/USDT:USDT ").command()
                .request(CORRELATION_ID, NOW));
        assertEquals("{\"command\":\"add_symbol\",\"symbol\":\"SOL/USDT:USDT\",\"correlation_id\":\"" + CORRELATION_ID
                + "\",\"timestamp\":" + NOW + "}", add.toString());

        JsonNode remove = validRequest(parse(Map.of(), "remove_symbol", "ETH/USDT:USDT").command()
                .request(CORRELATION_ID, NOW));
        assertEquals("remove_symbol", remove.get("command").asText());
        assertEquals("ETH/USDT:USDT", remove.get("symbol").asText());
    }

    @Test
    void setSymbolsSplitsCommasAndJoinsArguments() {
        JsonNode set = validRequest(parse(Map.of(), "set_symbols", "BTC/USDT:USDT, SOL/USDT:USDT ,", "DOGE/USDT:USDT")
                .command().request(CORRELATION_ID, NOW));
        assertEquals("[\"BTC/USDT:USDT\",\"SOL/USDT:USDT\",\"DOGE/USDT:USDT\"]", set.get("symbols").toString());
        assertFalse(set.has("symbol"));
    }

    @Test
    void getCommandsCarryNoArguments() {
        JsonNode symbols = validRequest(parse(Map.of(), "get_symbols").command().request(CORRELATION_ID, NOW));
        assertEquals("{\"command\":\"get_symbols\",\"correlation_id\":\"" + CORRELATION_ID + "\",\"timestamp\":" + NOW
                + "}", symbols.toString());
        JsonNode statistics = validRequest(parse(Map.of(), "get_statistics").command().request(CORRELATION_ID, NOW));
        assertEquals("get_statistics", statistics.get("command").asText());
    }

    @Test
    void usageErrorsExitWith2WithoutTouchingTheBroker() {
        // none of these gets as far as connecting (a broker on port 1 would be exit 4, not 2)
        for (String[] args : List.of(
                new String[] {},
                new String[] {"frobnicate"},
                new String[] {"add_symbol"},
                new String[] {"add_symbol", "A/USDT", "B/USDT"},
                new String[] {"remove_symbol"},
                new String[] {"set_symbols"},
                new String[] {"get_symbols", "extra"},
                new String[] {"get_symbols", "--timeout", "soon"},
                new String[] {"get_symbols", "--timeout", "0"},
                new String[] {"get_symbols", "--port", "99999"},
                new String[] {"get_symbols", "--port", "abc"},
                new String[] {"get_symbols", "--colour"})) {
            Run run = run(args);
            assertEquals(ExitCodes.USAGE, run.exitCode(), String.join(" ", args) + " -> " + run.err());
            assertEquals("", run.out(), String.join(" ", args));
            assertTrue(run.err().contains("Usage: control-cli") || run.err().startsWith("Unmatched argument"),
                    run.err());
        }
    }

    @Test
    void symbolsAreSentAsGivenForTheCollectorToJudge() {
        ControlRequest malformed = parse(Map.of(), "add_symbol", "BTCUSDT").command().request(CORRELATION_ID, NOW);
        assertEquals("BTCUSDT", malformed.symbol());
        ControlRequest empty = parse(Map.of(), "set_symbols", " , ").command().request(CORRELATION_ID, NOW);
        assertEquals(List.of(), empty.symbols());
    }

    @Test
    void usageErrorMessagesAreSpecific() {
        assertTrue(run("add_symbol").err().startsWith("Missing required parameter: 'SYMBOL'"),
                run("add_symbol").err());
        assertTrue(run("get_symbols", "--port", "0").err().startsWith("--port must be 1..65535, was 0"));
        assertTrue(run("get_symbols", "--timeout", "soon").err().startsWith(
                "Invalid value for option '--timeout': 'soon' is not a duration"), run("get_symbols", "--timeout", "soon").err());
        assertTrue(run().err().startsWith("Missing command: one of add_symbol, remove_symbol, set_symbols, "
                + "get_symbols, get_statistics"));
    }

    @Test
    void helpOnEveryCommandListsOptionsAndExitCodes() {
        for (String command : List.of("add_symbol", "remove_symbol", "set_symbols", "get_symbols", "get_statistics")) {
            Run run = run(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().startsWith("Usage: control-cli " + command), run.out());
            for (String expected : List.of("--json", "--timeout=DURATION", "--host=HOST", "--port=PORT", "--user=USER",
                    "--password=PASSWORD", "--vhost=VHOST", "RABBITMQ_HOST", "Exit codes:", "timeout: no answer")) {
                assertTrue(run.out().contains(expected), command + " help lacks " + expected);
            }
            assertFalse(run.out().contains("--queue"), "--queue is hidden");
        }
        Run top = run("--help");
        assertEquals(0, top.exitCode());
        for (String expected : List.of("add_symbol", "remove_symbol", "set_symbols", "get_symbols", "get_statistics",
                "Exit codes:", "  0   success", "  1   the collector answered with an error",
                "  2   usage error", "  3   timeout", "  4   RabbitMQ unreachable")) {
            assertTrue(top.out().contains(expected), "top-level help lacks " + expected + ":\n" + top.out());
        }
    }

    @Test
    void versionIsTheProjectVersion() {
        Run run = run("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("control-cli "), run.out());
        assertFalse(run.out().contains("unknown") || run.out().contains("${project.version}"), run.out());
    }
}
