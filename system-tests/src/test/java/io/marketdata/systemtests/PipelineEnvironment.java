package io.marketdata.systemtests;

import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the system tests give the services they start: the test vhost and database, the e2e queue
 * names (durable queues of their own, so the modules' test queues are not drained), and the emulator
 * standing in for every exchange, PumpPortal and DexScreener.
 */
final class PipelineEnvironment {

    static final String VHOST = "marketdata_test";
    static final String DB_URL = "jdbc:postgresql://localhost:5432/marketdata_test";
    static final List<String> TOKEN_QUEUES = List.of("scoring.token_events.e2e", "lifecycle.token_events.e2e",
            "collector.token_events.e2e");

    private final String emulator;
    private final String emulatorWs;
    private final String settingsUrl;

    /** @param scoringPort the settings owner's port: every follower loads its settings from there */
    PipelineEnvironment(int emulatorPort, int scoringPort) {
        emulator = "http://localhost:" + emulatorPort;
        emulatorWs = "ws://localhost:" + emulatorPort;
        settingsUrl = "http://localhost:" + scoringPort + "/api/settings";
    }

    String settingsUrl() {
        return settingsUrl;
    }

    /** A fresh start: the token services' schemas go, each service migrates its own again. */
    static void dropTokenSchemas() throws Exception {
        for (String schema : List.of("collector", "lifecycle", "scoring")) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    static void execute(String sql) throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(DB_URL, "marketdata", "marketdata");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    Map<String, String> common() {
        // both clients of the datasource: JDBC (Flyway, outboxes, reads) and reactive (lifecycle's Hibernate
        // Reactive, orderbook's writes)
        return new HashMap<>(Map.of("RABBITMQ_VIRTUAL_HOST", VHOST, "QUARKUS_DATASOURCE_JDBC_URL", DB_URL,
                "QUARKUS_DATASOURCE_REACTIVE_URL", DB_URL.substring("jdbc:".length())));
    }

    Map<String, String> scoring() {
        return with(common(), Map.of(
                "SCORING_CONSUMER_QUEUE", "scoring.token_events.e2e",
                "SCORING_SETTINGS_OWNER_URL", settingsUrl));
    }

    Map<String, String> lifecycle() {
        return with(common(), Map.of(
                "LIFECYCLE_CONSUMER_QUEUE", "lifecycle.token_events.e2e",
                "LIFECYCLE_SETTINGS_OWNER_URL", settingsUrl,
                "LIFECYCLE_CHECK_INTERVAL", "5s"));
    }

    Map<String, String> collector() {
        Map<String, String> env = with(common(), Map.of(
                "COLLECTOR_DEXSCREENER_QUEUE", "collector.token_events.e2e",
                "COLLECTOR_SETTINGS_OWNER_URL", settingsUrl,
                "COLLECTOR_PUMPPORTAL_WS_URL", emulatorWs + "/pumpportal/api/data",
                "COLLECTOR_DEXSCREENER_REST_URL", emulator + "/dexscreener",
                "COLLECTOR_EXCHANGES_BINANCE_REST_URL", emulator + "/binance-futures",
                "COLLECTOR_EXCHANGES_BINANCE_WS_URL", emulatorWs + "/binance-futures",
                "COLLECTOR_EXCHANGES_BINANCE_SPOT_REST_URL", emulator + "/binance-spot",
                "COLLECTOR_EXCHANGES_BINANCE_SPOT_WS_URL", emulatorWs + "/binance-spot",
                "COLLECTOR_EXCHANGES_BYBIT_REST_URL", emulator + "/bybit",
                "COLLECTOR_EXCHANGES_BITGET_REST_URL", emulator + "/bitget"));
        env.put("COLLECTOR_EXCHANGES_HTX_REST_URL", emulator + "/htx");
        env.put("COLLECTOR_EXCHANGES_GATEIO_REST_URL", emulator + "/gateio/api/v4");
        return env;
    }

    static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(base);
        env.putAll(more);
        return env;
    }
}
