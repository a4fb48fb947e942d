package io.marketdata.lifecycle.tokens;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs reactive persistence from a thread of our own (the consumer's handler thread, the check's
 * scheduler): the {@code Uni} is subscribed on a new duplicated Vert.x context, which Hibernate
 * Reactive needs for its session, and this thread waits for the outcome. Never on an event loop.
 */
public final class Await {

    private Await() {
    }

    /** The item, or the failure as thrown by the pipeline (an {@code Error} as it is, a {@code Throwable} wrapped). */
    public static <T> T result(Supplier<Uni<T>> work) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
