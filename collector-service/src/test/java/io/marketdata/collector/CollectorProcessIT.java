package io.marketdata.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.support.Emulator;
import io.marketdata.collector.support.TestBus;
import io.marketdata.collector.support.TestInfra;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.Topology;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged collector as an operator runs it: a separate JVM started from
 * {@code target/quarkus-app}, driven by the real {@code control-cli} jar over the real broker.
 * Covers: add_symbol reaching every exchange on the next cycle, CLI exit codes, JSON logs, the
 * final statistics on SIGTERM, the symbol set surviving a restart, and the CLI's timeout.
 */
class CollectorProcessIT {

    private static final Path COLLECTOR_JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path CLI_JAR = Path.of("../control-cli/target/control-cli.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestBus bus;

    @BeforeAll
    static void setUp() {
        TestInfra.ensureVhost();
        TestInfra.resetCollectorSchema();
        bus = new TestBus();
    }

    @AfterAll
    static void tearDown() {
        bus.close();
    }

    @Test
    void operatorWorkflowAcrossARestart() throws Exception {
        Collector first = Collector.start();
        try {
            TestBus.Subscription sol = bus.subscribe(Topology.MARKET_DATA_EXCHANGE, "futures.*.SOLUSDT");
            Cli added = cli("add_symbol", "SOL/USDT:USDT");
            assertEquals(0, added.exit, added.toString());
            assertTrue(added.stdout.contains("SOL/USDT:USDT"), added.toString());

            Set<String> exchanges = new HashSet<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (exchanges.size() < 5 && System.currentTimeMillis() < deadline) {
                exchanges.add(sol.await(m -> true, Duration.ofSeconds(30)).routingKey().split("\\.")[1]);
            }
            assertEquals(Set.of("binance", "bybit", "bitget", "htx", "gateio"), exchanges);

            Cli duplicate = cli("add_symbol", "SOL/USDT:USDT");
            assertEquals(1, duplicate.exit, duplicate.toString());
            assertTrue((duplicate.stdout + duplicate.stderr).contains("duplicate_symbol"), duplicate.toString());

            Cli malformed = cli("add_symbol", "SOLUSDT");
            assertEquals(1, malformed.exit, malformed.toString());
            assertTrue((malformed.stdout + malformed.stderr).contains("invalid_command"), malformed.toString());

            Cli statistics = cli("--json", "get_statistics");
            assertEquals(0, statistics.exit, statistics.toString());
            JsonNode stats = Json.MAPPER.readTree(statistics.stdout);
            assertTrue(stats.at("/data/exchange_success/binance").asLong() > 0, statistics.stdout);
        } finally {
            first.stop();
        }
        assertTrue(first.log().contains("Final statistics"), "final statistics logged on SIGTERM");
        assertTrue(first.jsonLogLines() > 0, "logs are JSON in the prod profile");

        Collector second = Collector.start();
        try {
            Cli symbols = cli("--json", "get_symbols");
            assertEquals(0, symbols.exit, symbols.toString());
            List<String> names = new ArrayList<>();
            Json.MAPPER.readTree(symbols.stdout).at("/data/symbols").forEach(n -> names.add(n.asText()));
            assertTrue(names.contains("SOL/USDT:USDT"), "persisted across the restart: " + names);
        } finally {
            second.stop();
        }

        Cli noCollector = cli("--timeout", "2s", "get_symbols");
        assertEquals(3, noCollector.exit, "timeout exit code: " + noCollector);
        assertTrue((noCollector.stdout + noCollector.stderr).contains("timeout"), noCollector.toString());
    }

    private record Cli(int exit, String stdout, String stderr) {
    }

    private static Cli cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", CLI_JAR.toString()));
        // options may come before or after the subcommand; the vhost isolates tests from a demo
        command.addAll(List.of(args));
        command.add("--vhost");
        command.add(TestInfra.VHOST);
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Cli(p.exitValue(), out, err);
    }

    private static final class Collector {
        private final Process process;
        private final File log;

        private Collector(Process process, File log) {
            this.process = process;
            this.log = log;
        }

        static Collector start() throws Exception {
            assertTrue(Files.exists(COLLECTOR_JAR), "collector not packaged");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of("java", "-Xmx128m", "-Dquarkus.http.port=" + port,
                    "-Drabbitmq-virtual-host=" + TestInfra.VHOST, "-Dquarkus.datasource.jdbc.url=" + TestInfra.JDBC_URL,
                    "-Dcollector.interval-seconds=1", "-Dcollector.symbols=BTC/USDT:USDT",
                    // the test queue, not a durable production-named one left behind in the shared test vhost
                    "-Dcollector.dexscreener.queue=collector.token_events.test",
                    "-Dcollector.settings.owner-url=http://127.0.0.1:1/api/settings"));
            for (Map.Entry<String, String> e : Emulator.get().collectorConfig().entrySet()) {
                command.add("-D" + e.getKey() + "=" + e.getValue());
            }
            command.addAll(List.of("-jar", COLLECTOR_JAR.toString()));
            File log = Files.createTempFile("collector-it", ".log").toFile();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            Collector collector = new Collector(process, log);
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("collector exited: " + collector.log());
                }
                try {
                    HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        return collector;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(250);
            }
            collector.stop();
            throw new AssertionError("collector not ready: " + collector.log());
        }

        /** SIGTERM, as an operator's kill or Ctrl-C would send. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        String log() {
            try {
                return Files.readString(log.toPath());
            } catch (IOException e) {
                return "";
            }
        }

        long jsonLogLines() {
            return log().lines().filter(l -> l.startsWith("{")).filter(l -> {
                try {
                    return "collector-service".equals(Json.MAPPER.readTree(l).path("service").asText());
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
