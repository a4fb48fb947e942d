package io.marketdata.collector.token;

import io.marketdata.contracts.Topology;
import io.marketdata.messaging.BrokerSettings;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Declares, at start, the consuming queues of {@code token_events} that lifecycle-service and
 * scoring-service own, exactly as they declare them (durable, dead-lettering into
 * {@code dead_letters} with key = queue, {@code <queue>.dlq} bound there, the same bindings;
 * names and bindings from {@link Topology}): a {@code token.created} published before lifecycle's
 * first start is then kept in its queue instead of being dropped as unroutable. The relay sends
 * nothing before this is done. Retries with back-off (1 s doubling to 30 s) while the broker is away.
 */
@ApplicationScoped
public class ConsumerQueues {

    private static final Logger LOG = Logger.getLogger(ConsumerQueues.class);

    /** One consumer's queue and the keys it binds on {@code token_events}. */
    public record ConsumerQueue(String queue, List<String> bindings) {
    }

    @Inject
    Vertx vertx;
    @Inject
    io.marketdata.collector.config.CollectorConfig config;
    private final BrokerSettings broker = BrokerSettings.fromConfig();

    private volatile boolean declared;

    public List<ConsumerQueue> queues() {
        return List.of(new ConsumerQueue(config.tokenConsumers().lifecycleQueue(), Topology.LIFECYCLE_TOKEN_EVENTS_BINDINGS),
                new ConsumerQueue(config.tokenConsumers().scoringQueue(), Topology.SCORING_TOKEN_EVENTS_BINDINGS));
    }

    public boolean declared() {
        return declared;
    }

    /** Starts declaring in the background; {@link #declared()} turns true once every queue is there. */
    void declareInBackground() {
        declare().onFailure().invoke(e -> LOG.warnf("cannot declare the token consumers' queues yet (%s); retrying",
                        e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(ok -> {
                    declared = true;
                    LOG.infof("token consumers' queues declared: %s", queues());
                }, e -> LOG.errorf(e, "declaring the token consumers' queues failed"));
    }

    /** One connection: declare everything, then close it. */
    public Uni<Void> declare() {
        RabbitMQOptions options = broker.vertxOptions("collector-service (token consumers' queues)");
        return Uni.createFrom().deferred(() -> {
            RabbitMQClient client = RabbitMQClient.create(vertx, options);
            return client.start()
                    .chain(() -> client.exchangeDeclare(Topology.TOKEN_EVENTS_EXCHANGE, "topic", true, false))
                    .chain(() -> client.exchangeDeclare(Topology.DEAD_LETTER_EXCHANGE, "direct", true, false))
                    .chain(() -> Multi.createFrom().iterable(queues()).onItem()
                            .transformToUniAndConcatenate(q -> declare(client, q)).collect().last())
                    .replaceWithVoid()
                    .eventually(() -> client.stop().onFailure().recoverWithNull());
        });
    }

    private static Uni<Void> declare(RabbitMQClient client, ConsumerQueue q) {
        String dlq = Topology.deadLetterQueue(q.queue());
        JsonObject arguments = new JsonObject().put("x-dead-letter-exchange", Topology.DEAD_LETTER_EXCHANGE)
                .put("x-dead-letter-routing-key", q.queue());
        return client.queueDeclare(dlq, true, false, false, new JsonObject())
                .chain(() -> client.queueBind(dlq, Topology.DEAD_LETTER_EXCHANGE, q.queue()))
                .chain(() -> client.queueDeclare(q.queue(), true, false, false, arguments))
                .chain(() -> Multi.createFrom().iterable(q.bindings()).onItem()
                        .transformToUniAndConcatenate(key -> client.queueBind(q.queue(), Topology.TOKEN_EVENTS_EXCHANGE, key))
                        .collect().last())
                .replaceWithVoid();
    }
}
