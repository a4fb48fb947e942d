package io.marketdata.collector.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded venue answers under {@code src/test/resources/payloads/<venue>/}. */
public final class Payloads {

    private Payloads() {
    }

    public static String text(String path) {
        try (InputStream in = Payloads.class.getResourceAsStream("/payloads/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String path) {
        try {
            return Json.MAPPER.readTree(text(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An inline JSON document (for small variations of a recorded answer). */
    public static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
