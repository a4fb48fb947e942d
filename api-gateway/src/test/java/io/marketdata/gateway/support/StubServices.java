package io.marketdata.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Stand-ins for the HTTP APIs of the four services behind the gateway, one real HTTP server per
 * service on its own port, so a test can script answers ({@link #on}) and really stop a service
 * ({@link #stop}: connections are refused) and start it again. The gateway under test is pointed at
 * them through {@code gateway.services.*}. The services' own behaviour is tested in their modules and
 * end to end in system-tests; here only the gateway is under test.
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    public static final String[] NAMES = {"orderbook", "lifecycle", "scoring", "collector"};

    /** A scripted answer. */
    public record Reply(int status, String contentType, String body) {
        public static Reply json(String body) {
            return new Reply(200, "application/json", body);
        }

        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body);
        }
    }

    private static final Vertx VERTX = Vertx.vertx();
    private static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();
    private static final Map<String, HttpServer> SERVERS = new ConcurrentHashMap<>();
    /** "service METHOD /path" → handler; the query string is the handler's business. */
    private static final Map<String, Function<HttpServerRequest, Reply>> ROUTES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>();
        for (String name : NAMES) {
            PORTS.computeIfAbsent(name, n -> freePort());
            startService(name);
            config.put("gateway.services." + name, "http://localhost:" + PORTS.get(name));
        }
        return config;
    }

    @Override
    public void stop() {
        for (String name : NAMES) {
            stopService(name);
        }
    }

    /** Scripts {@code METHOD path} of a service. */
    public static void on(String service, String method, String path, Function<HttpServerRequest, Reply> handler) {
        ROUTES.put(service + " " + method + " " + path, handler);
    }

    public static void on(String service, String method, String path, Reply reply) {
        on(service, method, path, request -> reply);
    }

    /** Requests the service received on {@code METHOD path} since the last {@link #reset()}. */
    public static int calls(String service, String method, String path) {
        AtomicInteger n = CALLS.get(service + " " + method + " " + path);
        return n == null ? 0 : n.get();
    }

    public static void reset() {
        ROUTES.clear();
        CALLS.clear();
    }

    /** Closes the service's port: the gateway's connections are refused until {@link #startService}. */
    public static void stopService(String name) {
        HttpServer server = SERVERS.remove(name);
        if (server != null) {
            await(server.close());
        }
    }

    public static void startService(String name) {
        if (SERVERS.containsKey(name)) {
            return;
        }
        HttpServer server = VERTX.createHttpServer().requestHandler(request -> {
            String key = name + " " + request.method().name() + " " + request.path();
            CALLS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Function<HttpServerRequest, Reply> handler = ROUTES.get(key);
            Reply reply = handler == null ? Reply.json(404, "{\"error\":\"not scripted: " + key + "\",\"status\":404}")
                    : handler.apply(request);
            if (reply == null) {
                return; // never answers: the gateway's timeout is under test
            }
            request.response().setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType())
                    .end(reply.body());
        });
        await(server.listen(PORTS.get(name), "localhost"));
        SERVERS.put(name, server);
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
