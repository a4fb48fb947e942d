package io.marketdata.scoring.bus;

import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Holds the emitter of the outgoing channel {@code score-events}. A bean of its own because a channel
 * emitter can only be obtained once the messaging lifecycle wired the channels, while {@link EventOutbox}
 * is needed earlier (the settings take their first version at start, with its outbox row): this bean is
 * created on first use, by the relay's start.
 */
@ApplicationScoped
public class ScoreEventsChannel {

    @Inject
    @Channel(EventOutbox.CHANNEL)
    MutinyEmitter<byte[]> emitter;

    public MutinyEmitter<byte[]> emitter() {
        return emitter;
    }
}
