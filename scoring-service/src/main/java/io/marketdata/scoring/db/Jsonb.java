package io.marketdata.scoring.db;

/**
 * SQL for the {@code jsonb} columns, which the entities map as {@code String}: read as text, written
 * from a text parameter. The Vert.x PostgreSQL client would otherwise encode a {@code String} bound to a
 * {@code jsonb} parameter as a JSON string literal, not as the document it holds.
 */
public final class Jsonb {

    /** For native SQL: {@code cast(cast(:name as text) as jsonb)}. */
    public static String param(String name) {
        return "cast(cast(:" + name + " as text) as jsonb)";
    }

    /** For native SQL: a timestamptz from epoch milliseconds (null stays null). */
    public static String millisParam(String name) {
        return "to_timestamp(cast(:" + name + " as bigint) / 1000.0)";
    }

    /** For native SQL: epoch milliseconds of a timestamptz column (null stays null). */
    public static String millis(String column) {
        return "cast(extract(epoch from " + column + ") * 1000 as bigint)";
    }

    private Jsonb() {
    }
}
