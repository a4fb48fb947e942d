package io.marketdata.gateway.upstream;

import io.marketdata.gateway.config.GatewayConfig;
import io.marketdata.gateway.http.ApiErrors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Calls to the services' own HTTP APIs (SPEC §3): one SmallRye Fault Tolerance guard per service —
 * a timeout per attempt, retries for reads (never for writes, which are not all idempotent), and a
 * circuit breaker that, once a service keeps failing, answers at once instead of queueing clients
 * behind timeouts. A 4xx is the service's answer, not a failure; 5xx, timeouts and refused
 * connections are.
 */
@ApplicationScoped
public class Upstream {

    private static final Logger LOG = Logger.getLogger(Upstream.class);
    private static final TypeLiteral<Uni<UpstreamResponse>> UNI_RESPONSE = new TypeLiteral<>() {
    };

    @Inject
    Vertx vertx;
    @Inject
    GatewayConfig config;
    @Inject
    MeterRegistry registry;

    private WebClient client;
    private final Map<Service, TypedGuard<Uni<UpstreamResponse>>> reads = new EnumMap<>(Service.class);
    private final Map<Service, TypedGuard<Uni<UpstreamResponse>>> writes = new EnumMap<>(Service.class);
    private final Map<Service, CircuitBreakerState> states = new EnumMap<>(Service.class);

    @PostConstruct
    void init() {
        GatewayConfig.Upstream u = config.upstream();
        client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) Math.max(1, u.timeout().toMillis()))
                .setKeepAlive(true).setMaxPoolSize(32).setUserAgent("api-gateway"));
        for (Service service : Service.values()) {
            states.put(service, CircuitBreakerState.CLOSED);
            reads.put(service, guard(service, u.retries()));
            writes.put(service, guard(service, 0));
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private TypedGuard<Uni<UpstreamResponse>> guard(Service service, int retries) {
        GatewayConfig.Upstream u = config.upstream();
        TypedGuard.Builder<Uni<UpstreamResponse>> builder = TypedGuard.create(UNI_RESPONSE)
                .withDescription(service.displayName() + (retries > 0 ? " reads" : " writes"))
                .withTimeout().duration(u.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .requestVolumeThreshold(u.breaker().requestVolume())
                .failureRatio(u.breaker().failureRatio())
                .delay(u.breaker().delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .onStateChange(state -> {
                    states.put(service, state);
                    LOG.infof("circuit of %s is now %s", service.displayName(), state);
                })
                .done();
        if (retries > 0) {
            builder = builder.withRetry().maxRetries(retries)
                    .delay(u.retryDelay().toMillis(), ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS).done();
        }
        return builder.build();
    }

    /** GET with retries; {@code pathAndQuery} starts with '/'. */
    public Uni<UpstreamResponse> get(Service service, String pathAndQuery, String requestId) {
        return call(reads.get(service), service, HttpMethod.GET, pathAndQuery, null, requestId);
    }

    /** A mutating call: no retry (the service may have applied it), same timeout and breaker. */
    public Uni<UpstreamResponse> send(Service service, HttpMethod method, String pathAndQuery, byte[] body,
            String requestId) {
        return call(writes.get(service), service, method, pathAndQuery, body, requestId);
    }

    /**
     * One unguarded GET for the health matrix, which must see the service as it is (not the breaker's
     * view) and must not count towards the breaker. 5xx answers are returned, not failed.
     */
    public Uni<UpstreamResponse> probe(Service service, String path) {
        return client.getAbs(service.baseUrl(config) + path).timeout(config.upstream().timeout().toMillis()).send()
                .map(r -> new UpstreamResponse(r.statusCode(), r.getHeader("Content-Type"),
                        r.body() == null ? new byte[0] : r.body().getBytes()));
    }

    /** CLOSED, OPEN or HALF_OPEN (the read breaker: reads are most of the traffic). */
    public CircuitBreakerState circuit(Service service) {
        return states.get(service);
    }

    private Uni<UpstreamResponse> call(TypedGuard<Uni<UpstreamResponse>> guard, Service service, HttpMethod method,
            String pathAndQuery, byte[] body, String requestId) {
        Timer.Sample sample = Timer.start(registry);
        return guard.get(() -> once(service, method, pathAndQuery, body, requestId))
                .onItemOrFailure().invoke((response, failure) -> sample.stop(Timer.builder("gateway_upstream_seconds")
                        .description("calls to the services, retries included")
                        .tag("service", service.displayName())
                        .tag("outcome", failure != null ? "failed" : Integer.toString(response.status() / 100) + "xx")
                        .publishPercentileHistogram().register(registry)))
                .onFailure(e -> !(e instanceof UpstreamUnavailableException))
                .transform(e -> new UpstreamUnavailableException(service, describe(e), e));
    }

    private Uni<UpstreamResponse> once(Service service, HttpMethod method, String pathAndQuery, byte[] body,
            String requestId) {
        HttpRequest<Buffer> request = client.requestAbs(method, service.baseUrl(config) + pathAndQuery)
                .timeout(config.upstream().timeout().toMillis())
                .putHeader(ApiErrors.REQUEST_ID, requestId == null ? "gateway" : requestId)
                .putHeader("Accept", "application/json, text/csv;q=0.9");
        Uni<HttpResponse<Buffer>> sent = body == null ? request.send()
                : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
        return sent.map(r -> {
            if (r.statusCode() >= 500) {
                throw new UpstreamUnavailableException(service, "HTTP " + r.statusCode(), null);
            }
            Buffer b = r.body();
            return new UpstreamResponse(r.statusCode(), r.getHeader("Content-Type"), b == null ? new byte[0] : b.getBytes());
        });
    }

    private static String describe(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException
                || e.getClass().getSimpleName().contains("Timeout")) {
            return "timed out";
        }
        if (e.getClass().getSimpleName().equals("CircuitBreakerOpenException")) {
            return "circuit open (failing recently)";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
