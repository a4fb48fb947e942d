package io.marketdata.orderbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Queue depths from rabbitmqctl (the tests run as root beside the broker, as CI does). */
final class TestInfraQueues {

    private TestInfraQueues() {
    }

    /** Ready plus unacknowledged messages of a queue in the test vhost. */
    static long unsettled(String queue) {
        try {
            Process p = new ProcessBuilder("rabbitmqctl", "list_queues", "-q", "-p", "marketdata_test", "name", "messages")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : out.split("\n")) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length == 2 && cols[0].equals(queue)) {
                    return Long.parseLong(cols[1]);
                }
            }
            throw new IllegalStateException("queue " + queue + " not listed: " + out);
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl not available", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
