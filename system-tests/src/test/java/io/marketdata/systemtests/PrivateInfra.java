package io.marketdata.systemtests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private RabbitMQ node and PostgreSQL instance on ports of their own (deploy/fault/private-infra.sh),
 * so the fault suite can stop and break them while data flows without touching the shared servers.
 */
final class PrivateInfra implements AutoCloseable {

    static final Path SCRIPT = Path.of("..", "deploy", "fault", "private-infra.sh");

    final int rabbitPort;
    final int postgresPort;

    PrivateInfra(int rabbitPort, int postgresPort) {
        this.rabbitPort = rabbitPort;
        this.postgresPort = postgresPort;
    }

    /** Fresh instances: whatever an earlier run left is destroyed first. */
    PrivateInfra start() throws Exception {
        destroy();
        run("rabbitmq", "start", rabbitPort);
        run("postgres", "start", postgresPort);
        return this;
    }

    void stopBroker() throws Exception {
        run("rabbitmq", "stop-app", rabbitPort);
    }

    void startBroker() throws Exception {
        run("rabbitmq", "start-app", rabbitPort);
    }

    void stopDatabase() throws Exception {
        run("postgres", "stop", postgresPort);
    }

    void startDatabase() throws Exception {
        run("postgres", "start", postgresPort);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/marketdata";
    }

    String reactiveUrl() {
        return "postgresql://127.0.0.1:" + postgresPort + "/marketdata";
    }

    private void destroy() throws Exception {
        run("rabbitmq", "destroy", rabbitPort);
        run("postgres", "destroy", postgresPort);
    }

    @Override
    public void close() throws Exception {
        destroy();
    }

    private static void run(String kind, String action, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("bash", SCRIPT.toString(), kind, action, Integer.toString(port)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "it-private-infra.log").toFile()))
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(kind + " " + action + " did not finish; see target/it-private-infra.log");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(kind + " " + action + " " + port + " failed (" + p.exitValue()
                    + "); see target/it-private-infra.log");
        }
    }
}
