package io.marketdata.collector.symbols;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.messaging.SchemaMigration;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The symbols every collection loop reads at the start of its cycle. Backed by {@link SymbolStore}:
 * changes go to PostgreSQL first, then the in-memory copy is reloaded; a periodic reload picks up
 * changes made through other replicas. When the database is unreachable the last known set stays (at
 * start: none, until PostgreSQL answers).
 */
@ApplicationScoped
public class SymbolRegistry {

    private static final Logger LOG = Logger.getLogger(SymbolRegistry.class);

    @Inject
    SymbolStore store;
    @Inject
    CollectorConfig config;

    @Inject
    SchemaMigration schema;

    private volatile List<UnifiedSymbol> current = List.of();
    private Thread loader;
    private ScheduledExecutorService refresher; // guarded by this
    private boolean stopped; // guarded by this

    /** PostgreSQL may be away at start: the set is loaded in the background, and the loops collect nothing until then. */
    void onStart(@Observes @Priority(5) StartupEvent event) {
        loader = new Thread(this::loadWhenReachable, "symbol-load");
        loader.setDaemon(true);
        loader.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loader != null) {
            loader.interrupt();
        }
        synchronized (this) {
            stopped = true;
            if (refresher != null) {
                refresher.shutdownNow();
            }
        }
    }

    private void loadWhenReachable() {
        List<String> seed = config.symbols().stream().map(s -> UnifiedSymbol.of(s).toString()).toList();
        try {
            schema.awaitThenRetry("[symbols] reading the symbol set", () -> {
                store.initialiseOnce(seed);
                reload();
            }, () -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LOG.infof("[symbols] collecting %d symbols: %s", current.size(), current);
        synchronized (this) {
            if (stopped) {
                return;
            }
            refresher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "symbol-refresh"));
        }
        long period = config.symbolRefresh().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    public List<UnifiedSymbol> current() {
        return current;
    }

    public List<String> currentNames() {
        return current.stream().map(UnifiedSymbol::toString).toList();
    }

    /** @return false when already present */
    public synchronized boolean add(UnifiedSymbol symbol) throws SQLException {
        boolean added = store.add(symbol.toString());
        reload();
        return added;
    }

    /** @return false when not present */
    public synchronized boolean remove(UnifiedSymbol symbol) throws SQLException {
        boolean removed = store.remove(symbol.toString());
        reload();
        return removed;
    }

    public synchronized void replace(List<UnifiedSymbol> symbols) throws SQLException {
        store.replace(symbols.stream().map(UnifiedSymbol::toString).toList());
        reload();
    }

    private synchronized void reload() throws SQLException {
        List<UnifiedSymbol> loaded = store.load().stream().map(UnifiedSymbol::of).toList();
        if (!loaded.equals(current) && !current.isEmpty()) {
            LOG.infof("[symbols] symbol set is now %s", loaded);
        }
        current = loaded;
    }

    private void refreshQuietly() {
        try {
            reload();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("[symbols] cannot re-read the symbol set (keeping %d symbols): %s", current.size(), e.getMessage());
        }
    }
}
