package io.marketdata.scoring.db;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Runs reactive persistence from a thread of our own (the consumer's handler thread, the retention and
 * settings schedulers, the tests): the {@code Uni} is subscribed on a new duplicated Vert.x context, which
 * Hibernate Reactive needs for its session, and this thread waits for the outcome. Never on an event loop.
 */
public final class Await {

    private Await() {
    }

    /** The item, or the failure as thrown by the pipeline (an {@code Error} as it is, a {@code Throwable} wrapped). */
    public static <T> T result(Supplier<Uni<T>> work) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
