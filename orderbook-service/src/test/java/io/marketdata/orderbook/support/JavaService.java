package io.marketdata.orderbook.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A packaged Quarkus service run as its own process, the way deploy/run.sh runs it. */
public final class JavaService implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    public JavaService(String name, Path jar, int port, Map<String, String> environment) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.log = Path.of("target", "it-" + name + ".log");
    }

    /** The packaged jar of a module of this repository, as {@code ./mvnw package} leaves it. */
    public static Path jarOf(String module) {
        return Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Starts the process and waits until its readiness probe answers 200. */
    public JavaService start(Duration timeout) throws Exception {
        return start(timeout, "/q/health/ready");
    }

    /** Starts the process and waits until its liveness probe answers 200 (it may not be ready). */
    public JavaService startLive(Duration timeout) throws Exception {
        return start(timeout, "/q/health/live");
    }

    private JavaService start(Duration timeout, String probe) throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " not built");
        }
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        process = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(probe)))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not up (" + probe + ") within " + timeout + ", see " + log.toAbsolutePath());
    }

    /** True while the process runs (a fault must never make a service exit). */
    public boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * SIGSTOP: the process is frozen, so it acknowledges nothing; the broker goes on delivering up to the
     * prefetch, and those deliveries stay unacknowledged until a {@link #kill()} returns them to the queue.
     */
    public void suspend() throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -STOP " + process.pid() + " exited with " + exit);
        }
    }

    /** SIGKILL: no shutdown hook runs, unacknowledged deliveries go back to their queue. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as {@code kill -TERM} or deploy/stop.sh sends it; returns the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(name + " did not stop within " + timeout + " after SIGTERM");
        }
        return process.exitValue();
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    public File logFile() {
        return log.toFile();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
