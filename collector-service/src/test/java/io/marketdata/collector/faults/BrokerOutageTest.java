package io.marketdata.collector.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.marketdata.collector.publish.MarketDataPublisher;
import io.marketdata.collector.support.CollectorTestResource;
import io.marketdata.collector.support.TestInfra;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.Topology;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ stopped for ~20 s ({@code rabbitmqctl stop_app}/{@code start_app}): the collector keeps
 * collecting into its buffer, reconnects, publishes the backlog, and a durable queue bound before
 * the outage holds every cycle of the outage — no gap, nothing dropped.
 */
@QuarkusTest
@QuarkusTestResource(value = CollectorTestResource.class, restrictToAnnotatedClass = false)
class BrokerOutageTest {

    @Inject
    MarketDataPublisher publisher;
    @Inject
    HealthCenter channels; // the connector's readiness: the control consumer (and every channel) attached

    @Test
    void bufferedMessagesArePublishedAfterTheBrokerComesBack() throws Exception {
        String queue = "test.outage." + UUID.randomUUID();
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, Topology.MARKET_DATA_EXCHANGE, "futures.binance.BTCUSDT");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> publisher.connected() && channels.getReadiness().isOk());
        Thread.sleep(2_000);
        long droppedBefore = publisher.droppedCount();
        long outageStart = System.currentTimeMillis();
        TestInfra.rabbitmqctl("stop_app");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.bufferedCount() >= 10);
            Thread.sleep(8_000);
        } finally {
            TestInfra.rabbitmqctl("start_app");
        }
        long outageEnd = System.currentTimeMillis();
        TestInfra.rabbitmqctl("await_startup");
        await().atMost(Duration.ofSeconds(60)).until(() -> publisher.connected() && publisher.bufferedCount() < 20);
        await().atMost(Duration.ofSeconds(60)).until(() -> channels.getReadiness().isOk());
        Thread.sleep(3_000);

        List<Long> timestamps = new ArrayList<>();
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            GetResponse response;
            while ((response = ch.basicGet(queue, true)) != null) {
                timestamps.add(Json.MAPPER.readTree(response.getBody()).get("timestamp").asLong());
            }
            ch.queueDelete(queue);
        }
        TreeSet<Long> distinct = new TreeSet<>(timestamps); // at-least-once: a retried batch may repeat
        List<Long> inOutage = distinct.stream().filter(t -> t >= outageStart && t <= outageEnd).toList();
        long outageSeconds = (outageEnd - outageStart) / 1000;
        assertTrue(inOutage.size() >= outageSeconds / 2, "cycles collected during the " + outageSeconds
                + " s outage and delivered afterwards: " + inOutage.size());
        Long previous = null;
        for (long t : distinct) {
            if (previous != null) {
                assertTrue(t - previous <= 4_000, "gap of " + (t - previous) + " ms in the delivered cycles");
            }
            previous = t;
        }
        assertEquals(droppedBefore, publisher.droppedCount(), "nothing dropped from the buffer");
    }

    private static Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setVirtualHost(TestInfra.VHOST);
        return factory.newConnection("outage-test");
    }
}
