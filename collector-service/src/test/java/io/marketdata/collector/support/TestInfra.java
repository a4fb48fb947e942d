package io.marketdata.collector.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Isolation of the tests from a demo running on the same machine: their own RabbitMQ virtual host
 * and their own PostgreSQL database (both created by deploy/lib/infra.sh; re-checked here).
 */
public final class TestInfra {

    public static final String VHOST = "marketdata_test";
    public static final String JDBC_URL = "jdbc:postgresql://localhost:5432/marketdata_test";
    public static final String DB_USER = "marketdata";
    public static final String DB_PASSWORD = "marketdata";

    private static boolean vhostReady;

    private TestInfra() {
    }

    public static synchronized void ensureVhost() {
        if (vhostReady) {
            return;
        }
        String vhosts = rabbitmqctl("list_vhosts", "-q");
        if (!vhosts.lines().map(String::trim).toList().contains(VHOST)) {
            rabbitmqctl("add_vhost", VHOST);
        }
        rabbitmqctl("set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*");
        vhostReady = true;
    }

    /** Runs rabbitmqctl (the tests run as root on the broker's machine, as CI does). */
    public static String rabbitmqctl(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl not available", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Empties one of the collector's own queues in the test vhost (nothing happens when it does not exist). */
    public static void purgeQueueIfExists(String queue) {
        try {
            rabbitmqctl("purge_queue", "-p", VHOST, queue);
        } catch (IllegalStateException notDeclaredYet) {
            // first run on this broker
        }
    }

    public static void deleteQueueIfExists(String queue) {
        try {
            rabbitmqctl("delete_queue", "-p", VHOST, queue);
        } catch (IllegalStateException notDeclared) {
            // nothing to delete
        }
    }

    /** Drops the collector's schema so Flyway migrates a fresh one. */
    public static void resetCollectorSchema() {
        execute("DROP SCHEMA IF EXISTS collector CASCADE");
    }

    public static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(JDBC_URL, DB_USER, DB_PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
