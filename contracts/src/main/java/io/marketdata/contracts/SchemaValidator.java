package io.marketdata.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates message bodies against the JSON Schemas in {@code contracts/src/main/resources/schemas}.
 * Producers' tests validate everything they publish; consumers validate what they receive.
 * Thread-safe; schemas are loaded once.
 */
public final class SchemaValidator {

    private static final SchemaValidator INSTANCE = new SchemaValidator();
    private final Map<MessageType, JsonSchema> schemas = new EnumMap<>(MessageType.class);

    private SchemaValidator() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (MessageType type : MessageType.values()) {
            try (InputStream in = SchemaValidator.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("missing schema " + type.schemaResource());
                }
                schemas.put(type, factory.getSchema(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static SchemaValidator get() {
        return INSTANCE;
    }

    /** The violations, empty when the body is valid. */
    public List<String> validate(MessageType type, JsonNode body) {
        return schemas.get(type).validate(body).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Parses and validates; a body that is not JSON yields one violation saying so. */
    public List<String> validate(MessageType type, byte[] body) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        if (node == null) {
            return List.of("empty body");
        }
        return validate(type, node);
    }
}
