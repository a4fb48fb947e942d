package io.marketdata.collector.control;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The responses already given, by correlation id, so a redelivered request is answered again
 * instead of executed twice. Bounded in entries and in bytes (the oldest go first): what is kept
 * never grows with the size of the requests, whatever they carry.
 */
final class AnsweredRequests {

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, byte[]> answers = new LinkedHashMap<>();
    private long bytes;

    AnsweredRequests(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    synchronized void remember(String correlationId, byte[] response) {
        long size = cost(correlationId, response);
        if (size > maxBytes) {
            return; // larger than the whole budget: a redelivery is executed again, idempotently or not at all
        }
        byte[] previous = answers.remove(correlationId);
        if (previous != null) {
            bytes -= cost(correlationId, previous);
        }
        answers.put(correlationId, response);
        bytes += size;
        Iterator<Map.Entry<String, byte[]>> eldest = answers.entrySet().iterator();
        while ((bytes > maxBytes || answers.size() > maxEntries) && eldest.hasNext()) {
            Map.Entry<String, byte[]> e = eldest.next();
            bytes -= cost(e.getKey(), e.getValue());
            eldest.remove();
        }
    }

    synchronized byte[] get(String correlationId) {
        return answers.get(correlationId);
    }

    /** Bytes held (responses plus ids, two bytes per id character). */
    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return answers.size();
    }

    long maxBytes() {
        return maxBytes;
    }

    private static long cost(String correlationId, byte[] response) {
        return response.length + 2L * correlationId.length();
    }
}
