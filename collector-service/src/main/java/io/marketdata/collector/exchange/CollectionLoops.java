package io.marketdata.collector.exchange;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.exchange.binance.live.LiveBookFeeds;
import io.marketdata.collector.http.RateBudget;
import io.marketdata.collector.http.RestClient;
import io.marketdata.collector.publish.MarketDataPublisher;
import io.marketdata.collector.stats.CollectorStatistics;
import io.marketdata.collector.stats.LoopStatistics;
import io.marketdata.collector.symbols.SymbolRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Starts one {@link ExchangeLoop} per enabled adapter and stops them first at shutdown. */
@ApplicationScoped
public class CollectionLoops {

    private static final Logger LOG = Logger.getLogger(CollectionLoops.class);

    @Inject
    Instance<ExchangeAdapter> adapters;
    @Inject
    CollectorConfig config;
    @Inject
    SymbolRegistry symbols;
    @Inject
    MarketDataPublisher publisher;
    @Inject
    CollectorStatistics statistics;
    @Inject
    MeterRegistry registry;
    @Inject
    LiveBookFeeds liveBooks;

    private final List<ExchangeLoop> loops = new ArrayList<>();

    void onStart(@Observes @Priority(30) StartupEvent event) {
        for (ExchangeAdapter adapter : adapters) {
            CollectorConfig.Exchange exchange = config.exchanges().get(adapter.id());
            if (exchange == null || !exchange.enabled()) {
                LOG.infof("[%s] disabled", adapter.loopName());
                continue;
            }
            boolean spot = "spot".equals(adapter.market());
            Optional<String> baseUrl = spot ? exchange.spotRestUrl() : Optional.of(exchange.restUrl());
            if (baseUrl.isEmpty()) {
                LOG.infof("[%s] no REST URL configured; not collected", adapter.loopName());
                continue;
            }
            CollectorConfig.RateLimit limit = spot ? exchange.spotRateLimit().orElse(exchange.rateLimit())
                    : exchange.rateLimit();
            RestClient client = restClient(adapter.loopName(), baseUrl.get(), limit);
            LoopStatistics loopStatistics = statistics.loop(adapter.loopName());
            ExchangeLoop loop = new ExchangeLoop(adapter, client, symbols, publisher, loopStatistics,
                    Duration.ofSeconds(config.intervalSeconds()), config.instrumentRefresh(), exchange.maxConcurrency(),
                    registry, liveBooks.create(adapter, client, loopStatistics));
            loops.add(loop);
            loop.start();
            LOG.infof("[%s] collecting from %s every %d s", adapter.loopName(), baseUrl.get(), config.intervalSeconds());
        }
    }

    private RestClient restClient(String name, String baseUrl, CollectorConfig.RateLimit limit) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.http().connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        RateBudget budget = new RateBudget(Math.max(1, limit.capacity() * limit.utilisation()), limit.window(),
                limit.scope() == CollectorConfig.Scope.ENDPOINT);
        return new RestClient(name, baseUrl, http, config.retry(), config.http().requestTimeout(), budget, registry);
    }

    void onStop(@Observes @Priority(10) ShutdownEvent event) {
        loops.forEach(ExchangeLoop::stop);
        for (ExchangeLoop loop : loops) {
            try {
                loop.awaitStopped(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.infof("stopped %d collection loops", loops.size());
    }

    public List<String> loopNames() {
        return loops.stream().map(ExchangeLoop::name).toList();
    }
}
