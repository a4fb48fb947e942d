package io.marketdata.contracts;

/** Every message type on the bus, with its JSON Schema (in {@code /schemas/}) and current version. */
public enum MessageType {
    MARKET_DATA("market-data"),
    CONTROL_REQUEST("control-request"),
    CONTROL_RESPONSE("control-response"),
    TOKEN_CREATED("token-created"),
    TOKEN_METRICS("token-metrics"),
    TOKEN_STATUS_CHANGED("token-status-changed"),
    SCORE_UPDATED("score-updated"),
    TOKEN_REFRESH_REQUESTED("token-refresh-requested"),
    SETTINGS_UPDATED("settings-updated"),
    DEPTH_UPDATE("depth-update"),
    INDEX_UPDATE("index-update");

    /** Value of the {@code schema_version} header for every type at this release. */
    public static final String SCHEMA_VERSION = "1";

    private final String schemaName;

    MessageType(String schemaName) {
        this.schemaName = schemaName;
    }

    public String schemaName() {
        return schemaName;
    }

    public String schemaResource() {
        return "/schemas/" + schemaName + ".schema.json";
    }
}
