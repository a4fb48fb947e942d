package io.marketdata.collector.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything a {@code @QuarkusTest} of the collector needs: the emulator for the outside world,
 * the test vhost and database with a fresh schema, and short intervals so tests run quickly.
 */
public class CollectorTestResource implements QuarkusTestResourceLifecycleManager {

    /** The %test names of lifecycle's and scoring's token_events queues, as the collector declares them. */
    public static final String LIFECYCLE_QUEUE = "lifecycle.token_events.collector-test";
    public static final String SCORING_QUEUE = "scoring.token_events.collector-test";
    private static final String[] CONSUMER_QUEUES = {LIFECYCLE_QUEUE, SCORING_QUEUE};

    @Override
    public Map<String, String> start() {
        TestInfra.ensureVhost();
        TestInfra.resetCollectorSchema();
        // token events other test runs left in the collector's own test queues (the vhost is shared)
        TestInfra.purgeQueueIfExists("collector.token_events.test");
        TestInfra.purgeQueueIfExists("collector.token_events.test.dlq");
        // the consumers' queues the collector must declare itself at start (start order loses nothing):
        // they do not exist when it starts
        for (String queue : CONSUMER_QUEUES) {
            TestInfra.deleteQueueIfExists(queue);
            TestInfra.deleteQueueIfExists(queue + ".dlq");
        }
        Map<String, String> config = new HashMap<>(Emulator.get().collectorConfig());
        config.put("rabbitmq-virtual-host", TestInfra.VHOST);
        config.put("quarkus.datasource.jdbc.url", TestInfra.JDBC_URL);
        return config;
    }

    @Override
    public void stop() {
        // the emulator process is shared by all test classes and ends with the JVM
    }
}
