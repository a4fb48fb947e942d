package io.marketdata.collector.token;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * One text frame of PumpPortal's data feed, classified. A migration frame is minimal:
 * {@code {"signature","mint","txType":"migrate","pool"}} ({@code pool} is a venue label such as
 * {@code pump-amm}, not an address, and there is no timestamp); an acknowledgement carries only
 * {@code message}; anything else (create frames, trades) is not ours.
 */
public record MigrationFrame(Kind kind, String mint, String signature, String venue, String name, String symbol,
        String problem) {

    public enum Kind { MIGRATION, ACK, OTHER, MALFORMED }

    private static final Pattern BASE58 = Pattern.compile("^[1-9A-HJ-NP-Za-km-z]{32,44}$");

    public static MigrationFrame parse(String text) {
        JsonNode frame;
        try {
            frame = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return malformed("not JSON");
        }
        if (frame == null || !frame.isObject()) {
            return malformed("not a JSON object");
        }
        if (!frame.has("txType")) {
            return frame.has("message") ? new MigrationFrame(Kind.ACK, null, null, null, null, null, null)
                    : malformed("neither txType nor message");
        }
        if (!"migrate".equals(frame.path("txType").asText())) {
            return new MigrationFrame(Kind.OTHER, null, null, null, null, null, null);
        }
        String mint = frame.path("mint").asText("");
        String signature = frame.path("signature").asText("");
        if (!BASE58.matcher(mint).matches()) {
            return malformed("mint is not a base58 address: '" + mint + "'");
        }
        if (signature.isEmpty()) {
            return malformed("migration without signature");
        }
        String venue = frame.path("pool").asText("");
        return new MigrationFrame(Kind.MIGRATION, mint, signature, venue.isEmpty() ? "unknown" : venue,
                textOrNull(frame, "name"), textOrNull(frame, "symbol"), null);
    }

    private static MigrationFrame malformed(String problem) {
        return new MigrationFrame(Kind.MALFORMED, null, null, null, null, null, problem);
    }

    private static String textOrNull(JsonNode frame, String field) {
        JsonNode v = frame.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
    }
}
