package io.marketdata.cli;

import static io.marketdata.cli.TestResponder.correlated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CLI against a real RabbitMQ on localhost and a stand-in collector on a test-only queue. */
class ControlCliIntegrationTest {

    private TestResponder responder;

    private record Run(int exitCode, String out, String err, long millis) {
    }

    @BeforeEach
    void declareQueue() throws IOException, TimeoutException {
        responder = new TestResponder();
    }

    @AfterEach
    void closeResponder() throws IOException {
        responder.close();
    }

    private Run cli(String... args) {
        return cli(Map.of(), args);
    }

    private Run cli(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        addUnlessGiven(all, "--host", TestResponder.host());
        addUnlessGiven(all, "--port", Integer.toString(TestResponder.port()));
        addUnlessGiven(all, "--user", TestResponder.user());
        addUnlessGiven(all, "--password", TestResponder.password());
        if (!environment.containsKey("CONTROL_QUEUE")) {
            addUnlessGiven(all, "--queue", responder.queue);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int exitCode = ControlCli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err),
                environment);
        return new Run(exitCode, out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
    }

    private static void addUnlessGiven(List<String> args, String option, String value) {
        if (!args.contains(option)) {
            args.add(option);
            args.add(value);
        }
    }

    private void assertValidRequest(TestResponder.Received request, String command) throws IOException {
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.CONTROL_REQUEST, request.body()));
        JsonNode body = request.json();
        assertEquals(command, body.get("command").asText());
        AMQP.BasicProperties properties = request.properties();
        assertEquals("application/json", properties.getContentType());
        assertEquals(body.get("correlation_id").asText(), properties.getCorrelationId());
        UUID.fromString(properties.getCorrelationId());
        UUID.fromString(properties.getMessageId());
        assertTrue(!properties.getMessageId().equals(properties.getCorrelationId()));
        assertEquals(2, properties.getDeliveryMode());
        assertEquals("1", properties.getHeaders().get("schema_version").toString());
        assertTrue(properties.getReplyTo().startsWith("amq.rabbitmq.reply-to"), properties.getReplyTo());
        long nowSeconds = System.currentTimeMillis() / 1000;
        long timestamp = body.get("timestamp").asLong();
        assertTrue(Math.abs(nowSeconds - timestamp) <= 5, "timestamp in epoch seconds: " + timestamp);
        assertEquals(timestamp, properties.getTimestamp().getTime() / 1000);
        // expires with the caller's timeout: header (epoch ms, for the collector) and AMQP expiration (for the broker)
        long expiresAt = Long.parseLong(properties.getHeaders().get("x-expires-at").toString());
        long ttl = Long.parseLong(properties.getExpiration());
        assertTrue(ttl > 0, "expiration " + ttl);
        assertTrue(Math.abs(expiresAt - (properties.getTimestamp().getTime() + ttl)) <= 5_000 + 1_000,
                "x-expires-at " + expiresAt + " ≈ sent + " + ttl);
    }

    @Test
    void successPrintsResultAndSymbolsAndExits0() throws IOException {
        responder.answering(request -> List.of(correlated(request, "{'correlation_id':'$CID','success':true,"
                + "'command':'get_symbols','message':'Symbols retrieved successfully',"
                + "'data':{'symbols':['BTC/USDT:USDT','ETH/USDT:USDT'],'count':2},'timestamp':1730107609}")));

        Run run = cli("get_symbols");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals(String.join(System.lineSeparator(), "OK get_symbols: Symbols retrieved successfully",
                "Symbols (2):", "  BTC/USDT:USDT", "  ETH/USDT:USDT", ""), run.out());
        assertEquals("", run.err());
        assertEquals(1, responder.received.size());
        assertValidRequest(responder.received.get(0), "get_symbols");
    }

    @Test
    void addSymbolSendsTheSymbolAndPrintsTheNewSet() throws IOException {
        responder.answering(request -> List.of(correlated(request, "{'correlation_id':'$CID','success':true,"
                + "'command':'add_symbol','message':'Symbol " + request.get("symbol").asText() + " added successfully',"
                + "'data':{'symbol':'SOL/USDT:USDT','current_symbols':['BTC/USDT:USDT','SOL/USDT:USDT']},"
                + "'timestamp':1730107604}")));

        Run run = cli("add_symbol", "SOL/USDT:USDT");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("OK add_symbol: Symbol SOL/USDT:USDT added successfully"), run.out());
        assertTrue(run.out().contains("Current symbols (2):"), run.out());
        assertValidRequest(responder.received.get(0), "add_symbol");
        assertEquals("SOL/USDT:USDT", responder.received.get(0).json().get("symbol").asText());
    }

    @Test
    void setSymbolsSendsTheWholeList() throws IOException {
        responder.answering(request -> List.of(correlated(request, "{'correlation_id':'$CID','success':true,"
                + "'command':'set_symbols','message':'Symbols replaced','data':{'symbols':"
                + request.get("symbols").toString().replace('"', '\'') + ",'count':2},'timestamp':1730107607}")));

        Run run = cli("set_symbols", "BTC/USDT:USDT, DOGE/USDT:USDT");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertValidRequest(responder.received.get(0), "set_symbols");
        assertEquals("[\"BTC/USDT:USDT\",\"DOGE/USDT:USDT\"]",
                responder.received.get(0).json().get("symbols").toString());
        assertTrue(run.out().contains("Symbols (2):\n  BTC/USDT:USDT\n  DOGE/USDT:USDT".replace("\n",
                System.lineSeparator())), run.out());
    }

    @Test
    void statisticsPrintedAsTable() throws IOException {
        responder.answering(request -> List.of(correlated(request, "{'correlation_id':'$CID','success':true,"
                + "'command':'get_statistics','message':'Statistics retrieved successfully','data':{"
                + "'exchange_success':{'binance':120,'bybit':118},'exchange_errors':{'htx':5},"
                + "'rabbitmq_published':238,'rabbitmq_failed':0},'timestamp':1730107611}")));

        Run run = cli("get_statistics");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertValidRequest(responder.received.get(0), "get_statistics");
        assertEquals(String.join(System.lineSeparator(),
                "OK get_statistics: Statistics retrieved successfully",
                "Exchange  Success  Errors",
                "binance       120       0",
                "bybit         118       0",
                "htx             0       5",
                "total         238       5",
                "RabbitMQ published: 238",
                "RabbitMQ failed:    0", ""), run.out());
    }

    @Test
    void errorResponseExits1WithCodeOnStderr() throws IOException {
        responder.answering(request -> List.of(correlated(request, "{'correlation_id':'$CID','success':false,"
                + "'command':'add_symbol','message':'Symbol SOL/USDT:USDT already exists','error':'duplicate_symbol',"
                + "'timestamp':1730107604}")));

        Run run = cli("add_symbol", "SOL/USDT:USDT");

        assertEquals(ExitCodes.COLLECTOR_ERROR, run.exitCode());
        assertEquals("", run.out());
        assertEquals("ERROR duplicate_symbol: Symbol SOL/USDT:USDT already exists (command add_symbol)"
                + System.lineSeparator(), run.err());
    }

    @Test
    void malformedSymbolGoesToTheCollectorWhichAnswersInvalidCommand() throws IOException {
        responder.answering(request -> List.of(correlated(request, "{'correlation_id':'$CID','success':false,"
                + "'command':'add_symbol','message':'Malformed symbol \\u0027" + request.get("symbol").asText()
                + "\\u0027: expected BASE/QUOTE:SETTLE, e.g. SOL/USDT:USDT','error':'invalid_command','timestamp':1}")));

        Run run = cli("add_symbol", "SOLUSDT");

        assertEquals(ExitCodes.COLLECTOR_ERROR, run.exitCode(), run.out() + run.err());
        assertEquals("SOLUSDT", responder.received.get(0).json().get("symbol").asText());
        assertEquals("ERROR invalid_command: Malformed symbol 'SOLUSDT': expected BASE/QUOTE:SETTLE, e.g. SOL/USDT:USDT"
                + " (command add_symbol)" + System.lineSeparator(), run.err());
    }

    @Test
    void jsonPrintsTheResponseExactlyAsReceived() throws IOException {
        List<String> sent = new ArrayList<>();
        responder.answering(request -> {
            TestResponder.Reply reply = correlated(request, "{'correlation_id':'$CID','success':true,"
                    + "'command':'get_symbols','message':'Symbols retrieved successfully',"
                    + "'data':{'symbols':['BTC/USDT:USDT'],'count':1,'extra_field':{'nested':[1,2]}},"
                    + "'timestamp':1730107609}");
            sent.add(reply.body());
            return List.of(reply);
        });

        Run run = cli("--json", "get_symbols");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals(sent.get(0) + System.lineSeparator(), run.out());
        JsonNode printed = Json.MAPPER.readTree(run.out());
        assertEquals(responder.received.get(0).properties().getCorrelationId(), printed.get("correlation_id").asText());
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.CONTROL_RESPONSE, printed));
    }

    @Test
    void jsonErrorResponseExits1AndPrintsItOnStdout() throws IOException {
        responder.answering(request -> List.of(correlated(request, "{'correlation_id':'$CID','success':false,"
                + "'command':'remove_symbol','message':'Symbol XRP/USDT:USDT not found','error':'symbol_not_found',"
                + "'timestamp':1730107604}")));

        Run run = cli("remove_symbol", "XRP/USDT:USDT", "--json");

        assertEquals(ExitCodes.COLLECTOR_ERROR, run.exitCode());
        assertEquals("symbol_not_found", Json.MAPPER.readTree(run.out()).get("error").asText());
        assertEquals("", run.err());
    }

    @Test
    void answersWithAForeignCorrelationIdAreIgnored() throws IOException {
        responder.answering(request -> List.of(
                new TestResponder.Reply(UUID.randomUUID().toString(), ("{'correlation_id':'someone-else','success':false,"
                        + "'command':'get_symbols','message':'not yours','error':'internal_error','timestamp':1}")
                        .replace('\'', '"')),
                new TestResponder.Reply(null, ("{'correlation_id':'also-someone-else','success':false,"
                        + "'command':'get_symbols','message':'not yours either','error':'internal_error',"
                        + "'timestamp':1}").replace('\'', '"')),
                correlated(request, "{'correlation_id':'$CID','success':true,'command':'get_symbols',"
                        + "'message':'Symbols retrieved successfully','data':{'symbols':[],'count':0},"
                        + "'timestamp':1730107609}")));

        Run run = cli("get_symbols");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("OK get_symbols"), run.out());
    }

    @Test
    void answerCorrelatedByBodyFieldOnlyIsAccepted() throws IOException {
        responder.answering(request -> List.of(new TestResponder.Reply(null, ("{'correlation_id':'"
                + request.get("correlation_id").asText() + "','success':true,'command':'get_symbols',"
                + "'message':'ok','data':{'symbols':['BTC/USDT:USDT'],'count':1},'timestamp':1}").replace('\'', '"'))));

        Run run = cli("get_symbols");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("  BTC/USDT:USDT"), run.out());
    }

    @Test
    void onlyForeignAnswersEndInTimeout() throws IOException {
        responder.answering(request -> List.of(new TestResponder.Reply("not-this-one", ("{'correlation_id':"
                + "'not-this-one','success':true,'command':'get_symbols','message':'ok','data':{},'timestamp':1}")
                .replace('\'', '"'))));

        Run run = cli("get_symbols", "--timeout", "700ms");

        assertEquals(ExitCodes.TIMEOUT, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith("ERROR timeout: no response within 700ms"), run.err());
    }

    @Test
    void noResponderTimesOutWithExit3() throws IOException {
        Run run = cli("get_symbols", "--timeout", "500ms");

        assertEquals(ExitCodes.TIMEOUT, run.exitCode(), run.out() + run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR timeout: no response within 500ms (command get_symbols, queue "
                + responder.queue + ")"), run.err());
        assertTrue(run.millis() >= 500 && run.millis() < 5_000, run.millis() + " ms");
        // the request expires with the caller's timeout (AMQP expiration): nobody executes it later
        long deadline = System.currentTimeMillis() + 15_000;
        while (responder.waiting() > 0 && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertEquals(0, responder.waiting(), "the expired request left the queue");
    }

    @Test
    void noResponderJsonTimeoutObject() throws IOException {
        Run run = cli("add_symbol", "SOL/USDT:USDT", "--json", "--timeout", "1");

        assertEquals(ExitCodes.TIMEOUT, run.exitCode());
        JsonNode printed = Json.MAPPER.readTree(run.out());
        assertEquals(List.of("correlation_id", "success", "command", "message", "error", "timestamp"),
                iteratorToList(printed.fieldNames()));
        UUID.fromString(printed.get("correlation_id").asText());
        assertEquals(false, printed.get("success").asBoolean(true));
        assertEquals("add_symbol", printed.get("command").asText());
        assertEquals("no response within 1s", printed.get("message").asText());
        assertEquals("timeout", printed.get("error").asText());
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - printed.get("timestamp").asLong()) <= 5);
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.CONTROL_RESPONSE, printed));
    }

    @Test
    void missingQueueFailsFastWithExit4() {
        Run run = cli("get_symbols", "--queue", "control-cli-test-absent-" + UUID.randomUUID(), "--timeout", "10s");

        assertEquals(ExitCodes.UNAVAILABLE, run.exitCode());
        assertTrue(run.err().startsWith("ERROR: the control queue control-cli-test-absent-"), run.err());
        assertTrue(run.err().contains(" does not exist: is the collector running?"), run.err());
        assertTrue(run.millis() < 5_000, "fails fast, not after the timeout: " + run.millis() + " ms");
    }

    @Test
    void controlQueueFromEnvironment() throws IOException {
        responder.answering(request -> List.of(correlated(request, "{'correlation_id':'$CID','success':true,"
                + "'command':'get_symbols','message':'ok','data':{'symbols':[],'count':0},'timestamp':1}")));

        Run run = cli(Map.of("CONTROL_QUEUE", responder.queue), "get_symbols");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals(1, responder.received.size());
    }

    @Test
    void unreachableBrokerExits4() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ControlCli.run(new String[] {"get_symbols", "--host", "127.0.0.1", "--timeout", "3s"},
                new PrintWriter(out), new PrintWriter(err), Map.of("RABBITMQ_PORT", Integer.toString(closedPort)));

        assertEquals(ExitCodes.UNAVAILABLE, exitCode);
        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith("ERROR: cannot connect to RabbitMQ at 127.0.0.1:" + closedPort),
                err.toString());
    }

    @Test
    void refusedLoginExits4() {
        Run run = cli("get_symbols", "--user", "no-such-user-" + UUID.randomUUID(), "--password", "wrong");

        assertEquals(ExitCodes.UNAVAILABLE, run.exitCode());
        assertTrue(run.err().startsWith("ERROR: RabbitMQ refused the login of user no-such-user-"), run.err());
    }

    @Test
    void unknownVhostExits4() {
        Run run = cli("get_symbols", "--vhost", "no-such-vhost-" + UUID.randomUUID());

        assertEquals(ExitCodes.UNAVAILABLE, run.exitCode());
        assertTrue(run.err().startsWith("ERROR: cannot connect to RabbitMQ at "), run.err());
        assertTrue(run.err().contains("no-such-vhost-"), run.err());
    }

    @Test
    void unreadableAnswerExits1() throws IOException {
        responder.answering(request -> List.of(new TestResponder.Reply(request.get("correlation_id").asText(),
                "this is not json")));

        Run run = cli("get_symbols");

        assertEquals(ExitCodes.COLLECTOR_ERROR, run.exitCode());
        assertEquals("ERROR: the collector's answer is not a JSON object: this is not json" + System.lineSeparator(),
                run.err());
    }

    private static List<String> iteratorToList(java.util.Iterator<String> iterator) {
        List<String> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
