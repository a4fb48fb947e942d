package io.marketdata.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.CountDownLatch;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Flyway's migrations, run at start in the background and retried until PostgreSQL answers, so that a
 * service starts while the database is away: live, not ready (this readiness check is DOWN) until its
 * schema is migrated ({@link SchemaReadiness}). Quarkus's own {@code quarkus.flyway.migrate-at-start} would fail the boot instead,
 * so every service sets it to false and relies on this bean.
 *
 * <p>Only an unreachable database is waited out (no SQLState, or class 08 connection exception, 53
 * insufficient resources, 57P operator intervention such as "the database system is starting up"). Any
 * other failure — a migration that does not apply, a checksum that does not match — ends the process with
 * exit code 1, as a failed migration at boot would: retrying cannot fix it, and a crash is what an operator
 * and an orchestrator notice.
 *
 * <p>Work that needs the schema waits with {@link #await()}; message handlers need not, because
 * {@link Deliveries} retries an undefined table (SQLState 42P01) in place like any database error.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);
    private static final long FIRST_DELAY_MS = 1_000;
    private static final long MAX_DELAY_MS = 5_000; // an attempt is one connection: cheap, and readiness follows the database quickly

    @Inject
    Flyway flyway;
    @Inject
    MeterRegistry registry;

    private final CountDownLatch migrated = new CountDownLatch(1);
    private volatile String state = "not attempted yet";
    private volatile boolean stopping;
    private Counter failures;
    private Thread runner;

    /** Before every other start-up observer: those that read the database wait for it with {@link #await()}. */
    void start(@Observes @Priority(1) StartupEvent event) {
        failures = Counter.builder("schema_migration_failures_total")
                .description("Flyway migration attempts at start that failed because PostgreSQL was unreachable")
                .register(registry);
        runner = new Thread(this::migrateUntilDone, "schema-migration");
        runner.setDaemon(true);
        runner.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (runner != null) {
            runner.interrupt();
        }
    }

    /** True once the schema is migrated. */
    public boolean migrated() {
        return migrated.getCount() == 0;
    }

    /** Blocks until the schema is migrated. */
    public void await() throws InterruptedException {
        migrated.await();
    }

    /** A start-up read or write that needs the schema and may fail while PostgreSQL is away. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /**
     * On the caller's (background) thread: waits for the schema, then runs {@code step} until it succeeds,
     * 1 s doubling to 30 s between tries; each failure is logged as a warning and passed to
     * {@code onFailure}. Returns once it succeeded; throws when interrupted (the service is stopping).
     */
    public void awaitThenRetry(String what, Step step, Runnable onFailure) throws InterruptedException {
        await();
        long delay = 1_000;
        while (true) {
            try {
                step.run();
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                onFailure.run();
                LOG.warnf("%s failed, trying again in %d ms: %s", what, delay, firstLine(e.getMessage()));
                Thread.sleep(delay);
                delay = Math.min(delay * 2, 30_000);
            }
        }
    }

    /** What the last attempt did, for the readiness check. */
    public String state() {
        return state;
    }

    private void migrateUntilDone() {
        long delay = FIRST_DELAY_MS;
        while (!stopping) {
            try {
                MigrateResult result = flyway.migrate();
                state = "schema " + String.join(",", result.schemaName) + " at version "
                        + (result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion)
                        + " (" + result.migrationsExecuted + " applied now)";
                LOG.infof("[schema] %s", state);
                migrated.countDown();
                return;
            } catch (RuntimeException e) {
                if (!unreachable(e)) {
                    LOG.errorf(e, "[schema] migration failed, stopping: %s", e.getMessage());
                    state = "failed: " + e.getMessage();
                    Quarkus.asyncExit(1);
                    return;
                }
                failures.increment();
                state = "waiting for PostgreSQL: " + firstLine(e.getMessage());
                LOG.warnf("[schema] PostgreSQL unreachable, migrating again in %d ms: %s", delay, firstLine(e.getMessage()));
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                delay = Math.min(delay * 2, MAX_DELAY_MS);
            }
        }
    }

    /** Flyway's messages run over several lines of detail and rulers. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }

    /** The database could not be reached (as opposed to a migration it refused). */
    static boolean unreachable(Throwable e) {
        DatabaseFailure failure = DatabaseFailure.in(e);
        if (failure == null) {
            return false;
        }
        String s = failure.sqlState();
        return s.isEmpty() || s.startsWith("08") || s.startsWith("53") || s.startsWith("57P");
    }
}
