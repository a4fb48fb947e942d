package io.marketdata.collector.exchange.binance.live;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.exchange.ExchangeAdapter;
import io.marketdata.collector.exchange.LiveBooks;
import io.marketdata.collector.http.RestClient;
import io.marketdata.collector.publish.MarketDataPublisher;
import io.marketdata.collector.stats.LoopStatistics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Creates the live-book feed of a collection loop where the venue streams books (Binance USD-M and
 * spot, when {@code collector.live-books.enabled} and the market's WebSocket URL is set), and keeps
 * them by loop name for the wellness check.
 */
@ApplicationScoped
public class LiveBookFeeds {

    private static final Logger LOG = Logger.getLogger(LiveBookFeeds.class);
    private static final String BINANCE = "binance";

    @Inject
    CollectorConfig config;
    @Inject
    MarketDataPublisher publisher;
    @Inject
    MeterRegistry registry;

    private final Map<String, LiveBookFeed> feeds = new ConcurrentHashMap<>();

    /** The live books of {@code adapter}'s loop, or {@link LiveBooks#NONE} when its books are polled over REST. */
    public LiveBooks create(ExchangeAdapter adapter, RestClient http, LoopStatistics stats) {
        if (!config.liveBooks().enabled() || !BINANCE.equals(adapter.id())) {
            return LiveBooks.NONE;
        }
        BinanceMarket market = BinanceMarket.of(adapter.market());
        CollectorConfig.Exchange exchange = config.exchanges().get(BINANCE);
        Optional<String> wsUrl = (market == BinanceMarket.SPOT ? exchange.spotWsUrl() : exchange.wsUrl())
                .filter(url -> !url.isBlank());
        if (wsUrl.isEmpty()) {
            LOG.infof("[%s] no WebSocket URL configured; books are polled over REST", market.loopName());
            return LiveBooks.NONE;
        }
        LiveBookFeed feed = new LiveBookFeed(market, wsUrl.get(), config.liveBooks(), exchange.maxDepth(),
                config.http().connectTimeout(), http, publisher, stats, registry);
        feeds.put(market.loopName(), feed);
        LOG.infof("[%s] live books from %s, published every %d ms", market.loopName(), wsUrl.get(),
                config.liveBooks().publishInterval().toMillis());
        return feed;
    }

    /** The feed of loop {@code loopName} (binance, binance-spot), if it has one. */
    public Optional<LiveBookFeed> feed(String loopName) {
        return Optional.ofNullable(feeds.get(loopName));
    }
}
