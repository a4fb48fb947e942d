package io.marketdata.orderbook.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import io.marketdata.orderbook.indices.IndexCalculator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes on {@code market_analytics}: {@code depth.<exchange>.<market>.<SYMBOL>} for each book
 * whose bands changed, at most once per {@code publish.interval} per key, and {@code index.<NAME>}
 * per market once per interval from the latest books; and mirrors both into the Redis hot cache.
 * They go through the SmallRye outgoing channel {@code market-analytics} (publisher confirms,
 * persistent). They are "latest value" messages superseded a second later, so while the broker is
 * away at most {@link #MAX_IN_FLIGHT} wait in the connector and the rest are dropped (counted)
 * rather than piled up.
 */
@ApplicationScoped
public class AnalyticsPublisher {

    private static final Logger LOG = Logger.getLogger(AnalyticsPublisher.class);
    /** Unconfirmed messages beyond which new ones are dropped: about two seconds of a full market. */
    static final int MAX_IN_FLIGHT = 2_000;

    @Inject
    BookPipeline pipeline;
    @Inject
    HotCache cache;
    @Inject
    OrderbookConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    @Channel("market-analytics")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4 * MAX_IN_FLIGHT)
    MutinyEmitter<byte[]> emitter;

    private final Map<String, Long> lastPublished = new ConcurrentHashMap<>();
    private final Map<String, IndexUpdate> latestIndices = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private ScheduledExecutorService scheduler;
    private long lastIndexRun;
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
                .description("market_analytics messages not sent (broker unavailable or nacked)").register(registry);
    }

    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "analytics-publisher"));
        long tick = Math.max(50, config.publish().interval().toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::tickQuietly, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Stops the ticks, waiting at most {@code maxWaitMs} for one in progress (the connector closes the channel). */
    public void stop(long maxWaitMs) {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(maxWaitMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
            if (publish(routingKey, "depth:" + id + ":" + book.timestamp(), summary.toMessage(), book.correlationId())) {
                depthPublished.increment();
            }
            lastPublished.put(id, now);
            cacheWrites.put(cache.latestKey(book.series().exchange(), book.series().market(), book.series().symbol()),
                    json(summary));
        }
        if (now - lastIndexRun >= interval) {
            lastIndexRun = now;
            for (IndexUpdate index : indices(now)) {
                if (publish(RoutingKeys.index(index.name()), "index:" + index.market() + ":" + index.name() + ":" + now, index,
                        "index-" + now)) {
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

    /**
     * Hands one message to the connector; false if it was dropped. The message id is stable (series
     * and the data's own time), so a consumer can recognise a copy. Confirms are counted when they come.
     */
    private boolean publish(String routingKey, String messageId, Object body, String correlationId) {
        if (inFlight.get() >= MAX_IN_FLIGHT) {
            publishFailures.increment();
            return false;
        }
        try {
            OutgoingRabbitMQMetadata.Builder meta = OutgoingRabbitMQMetadata.builder()
                    .withRoutingKey(routingKey)
                    .withMessageId(messageId)
                    .withContentType(Topology.CONTENT_TYPE)
                    .withDeliveryMode(2)
                    .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                    .withHeader(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION);
            if (correlationId != null) {
                meta.withCorrelationId(correlationId);
            }
            Message<byte[]> message = Message.of(Json.MAPPER.writeValueAsBytes(body), Metadata.of(meta.build()));
            inFlight.incrementAndGet();
            emitter.sendMessage(message).subscribe().with(ok -> inFlight.decrementAndGet(), e -> {
                inFlight.decrementAndGet();
                publishFailures.increment();
                LOG.debugf("not published %s: %s", routingKey, e.getMessage());
            }); // failures (overflow, nack, broker gone) arrive in the second callback, never as a throw
            return true;
        } catch (JsonProcessingException | RuntimeException e) {
            publishFailures.increment();
            LOG.debugf("not published %s: %s", routingKey, e.getMessage());
            return false;
        }
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
