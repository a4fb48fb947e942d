package io.marketdata.orderbook.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MarketType;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.analytics.IndexUpdate;
import io.marketdata.orderbook.bands.Bands;
import io.marketdata.orderbook.bands.Depths;
import io.marketdata.orderbook.cache.HotCache;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.consume.BookPipeline;
import io.marketdata.orderbook.consume.LatestBook;
import io.marketdata.orderbook.consume.RabbitSettings;
import io.marketdata.orderbook.indices.IndexCalculator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Publishes on {@code market_analytics}: {@code depth.<exchange>.<market>.<SYMBOL>} for each book
 * whose bands changed, at most once per {@code publish.interval} per key, and {@code index.<NAME>}
 * per market once per interval from the latest books; and mirrors both into the Redis hot cache.
 * These are "latest value" messages superseded a second later, so they are sent transient and
 * without confirms; a broker outage drops them (counted) rather than piling them up.
 */
@ApplicationScoped
public class AnalyticsPublisher {

    private static final Logger LOG = Logger.getLogger(AnalyticsPublisher.class);

    @Inject
    BookPipeline pipeline;
    @Inject
    HotCache cache;
    @Inject
    OrderbookConfig config;
    @Inject
    RabbitSettings rabbit;
    @Inject
    MeterRegistry registry;

    private final Map<String, Long> lastPublished = new ConcurrentHashMap<>();
    private final Map<String, IndexUpdate> latestIndices = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private Connection connection;
    private Channel channel;
    private long lastIndexRun;
    private long nextConnectAttempt;
    private Counter depthPublished;
    private Counter indexPublished;
    private Counter publishFailures;

    @PostConstruct
    void init() {
        depthPublished = Counter.builder("orderbook_published_total").tag("type", "depth")
                .description("Messages published on market_analytics").register(registry);
        indexPublished = Counter.builder("orderbook_published_total").tag("type", "index")
                .description("Messages published on market_analytics").register(registry);
        publishFailures = Counter.builder("orderbook_publish_failures_total")
                .description("market_analytics messages not sent (broker unavailable)").register(registry);
    }

    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "analytics-publisher"));
        long tick = Math.max(50, config.publish().interval().toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::tickQuietly, tick, tick, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
    }

    /** The latest index values, keyed {@code <market>:<NAME>}. */
    public Map<String, IndexUpdate> latestIndices() {
        return latestIndices;
    }

    private void tickQuietly() {
        try {
            tick(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.errorf(e, "analytics publishing tick failed");
        }
    }

    void tick(long now) {
        long interval = config.publish().interval().toMillis();
        Map<String, String> cacheWrites = new HashMap<>();
        for (String id : new ArrayList<>(pipeline.changed().keySet())) {
            Long last = lastPublished.get(id);
            if (last != null && now - last < interval) {
                continue;
            }
            pipeline.changed().remove(id);
            LatestBook book = pipeline.latest().get(id);
            if (book == null) {
                continue;
            }
            BookSummary summary = BookSummary.of(book);
            String routingKey = RoutingKeys.depth(book.series().exchange(), MarketType.fromWire(book.series().market()),
                    book.series().symbol());
            if (publish(routingKey, summary.toMessage(), book.correlationId())) {
                depthPublished.increment();
            }
            lastPublished.put(id, now);
            cacheWrites.put(cache.latestKey(book.series().exchange(), book.series().market(), book.series().symbol()),
                    json(summary));
        }
        if (now - lastIndexRun >= interval) {
            lastIndexRun = now;
            for (IndexUpdate index : indices(now)) {
                if (publish(RoutingKeys.index(index.name()), index, "index-" + now)) {
                    indexPublished.increment();
                }
                latestIndices.put(index.market() + ":" + index.name(), index);
                cacheWrites.put(cache.latestIndexKey(index.market(), index.name()), json(index));
            }
        }
        cache.putLatest(cacheWrites);
    }

    /** The live indices from every book seen within {@code stale-after}, per market that has books. */
    List<IndexUpdate> indices(long now) {
        long staleBefore = now - config.publish().staleAfter().toMillis();
        Map<String, List<IndexCalculator.Contribution>> byMarket = new LinkedHashMap<>();
        for (LatestBook b : pipeline.latest().values()) {
            if (b.timestamp() < staleBefore) {
                continue;
            }
            byMarket.computeIfAbsent(b.series().market(), k -> new ArrayList<>())
                    .add(new IndexCalculator.Contribution(b.series().base(), b.bands().bidValue, b.bands().askValue));
        }
        List<IndexUpdate> out = new ArrayList<>();
        byMarket.forEach((market, books) -> {
            for (IndexCalculator.IndexValue v : IndexCalculator.compute(books)) {
                List<IndexUpdate.IndexBand> bands = new ArrayList<>(Depths.COUNT);
                for (int i = 0; i < Depths.COUNT; i++) {
                    double bid = v.bidValue()[i];
                    double ask = v.askValue()[i];
                    bands.add(new IndexUpdate.IndexBand(Depths.PERCENT[i], bid, ask, bid - ask, Bands.percentage(bid, ask)));
                }
                out.add(new IndexUpdate(v.name(), market, now, v.symbolCount(), bands));
            }
        });
        return out;
    }

    private boolean publish(String routingKey, Object body, String correlationId) {
        try {
            Channel ch = channel();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType(Topology.CONTENT_TYPE)
                    .deliveryMode(1)
                    .messageId(UUID.randomUUID().toString())
                    .timestamp(new java.util.Date())
                    .correlationId(correlationId)
                    .headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION))
                    .build();
            ch.basicPublish(Topology.ANALYTICS_EXCHANGE, routingKey, props, Json.MAPPER.writeValueAsBytes(body));
            return true;
        } catch (Exception e) {
            publishFailures.increment();
            LOG.debugf("not published %s: %s", routingKey, e.getMessage());
            return false;
        }
    }

    private Channel channel() throws Exception {
        if (channel == null || !channel.isOpen()) {
            long now = System.currentTimeMillis();
            if (now < nextConnectAttempt) {
                throw new IllegalStateException("broker unavailable, next attempt in " + (nextConnectAttempt - now) + " ms");
            }
            // one attempt per few seconds while the broker is down, not one per message
            nextConnectAttempt = now + 3_000;
            closeQuietly();
            connection = rabbit.settings().open("orderbook-service/analytics", true);
            channel = connection.createChannel();
            channel.exchangeDeclare(Topology.ANALYTICS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        }
        return channel;
    }

    private void closeQuietly() {
        try {
            if (connection != null && connection.isOpen()) {
                connection.close(2_000);
            }
        } catch (Exception e) {
            LOG.debugf("closing analytics connection: %s", e.getMessage());
        }
        connection = null;
        channel = null;
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
