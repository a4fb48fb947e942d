package io.marketdata.lifecycle.consume;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.messaging.RejectedMessage;
import java.io.IOException;
import java.util.List;

/** Decodes a body: JSON, valid against its contract schema, mapped to the contract record. */
public final class Messages {

    private static final int MAX_REASON = 500;

    private Messages() {
    }

    /** @throws RejectedMessage (to the dead-letter queue) when the body is not JSON or breaks the schema */
    public static <T> T decode(MessageType type, Class<T> record, byte[] body) throws RejectedMessage {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new RejectedMessage(shorten("not JSON: " + firstLine(e.getMessage())));
        }
        if (node == null || node.isMissingNode()) {
            throw new RejectedMessage("empty body");
        }
        List<String> violations = SchemaValidator.get().validate(type, node);
        if (!violations.isEmpty()) {
            throw new RejectedMessage(shorten(type.schemaName() + " schema violated: " + String.join("; ", violations)));
        }
        try {
            return Json.MAPPER.treeToValue(node, record);
        } catch (IOException | IllegalArgumentException e) {
            throw new RejectedMessage(shorten("cannot map to " + type.schemaName() + ": " + firstLine(e.getMessage())));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String shorten(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
