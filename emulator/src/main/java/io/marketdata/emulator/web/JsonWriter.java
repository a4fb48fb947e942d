package io.marketdata.emulator.web;

/**
 * A small streaming JSON writer over a StringBuilder. The venues differ in whether a value is a
 * JSON string or a JSON number (often for the same field across venues), so every value is
 * written explicitly: {@link #str} for strings, {@link #num} for a numeric literal already
 * formatted exactly (never through binary floating point).
 */
public final class JsonWriter {

    private final StringBuilder sb;
    private final boolean[] needComma = new boolean[64];
    private int depth;
    private boolean afterName;

    public JsonWriter() {
        this(256);
    }

    public JsonWriter(int capacity) {
        this.sb = new StringBuilder(capacity);
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (needComma[depth]) {
                sb.append(',');
            }
            needComma[depth] = true;
        }
    }

    public JsonWriter beginObject() {
        beforeValue();
        sb.append('{');
        needComma[++depth] = false;
        return this;
    }

    public JsonWriter endObject() {
        sb.append('}');
        depth--;
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        sb.append('[');
        needComma[++depth] = false;
        return this;
    }

    public JsonWriter endArray() {
        sb.append(']');
        depth--;
        return this;
    }

    public JsonWriter name(String name) {
        if (needComma[depth]) {
            sb.append(',');
        }
        needComma[depth] = true;
        appendQuoted(name);
        sb.append(':');
        afterName = true;
        return this;
    }

    /** A JSON string value. */
    public JsonWriter str(String value) {
        beforeValue();
        if (value == null) {
            sb.append("null");
        } else {
            appendQuoted(value);
        }
        return this;
    }

    /** A JSON number from an exactly formatted literal (e.g. "65000.1"). */
    public JsonWriter num(String literal) {
        beforeValue();
        sb.append(literal == null ? "null" : literal);
        return this;
    }

    public JsonWriter num(long value) {
        beforeValue();
        sb.append(value);
        return this;
    }

    public JsonWriter bool(boolean value) {
        beforeValue();
        sb.append(value);
        return this;
    }

    public JsonWriter nul() {
        beforeValue();
        sb.append("null");
        return this;
    }

    public JsonWriter field(String name, String value) {
        return name(name).str(value);
    }

    public JsonWriter fieldNum(String name, String literal) {
        return name(name).num(literal);
    }

    public JsonWriter field(String name, long value) {
        return name(name).num(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).bool(value);
    }

    public JsonWriter fieldNull(String name) {
        return name(name).nul();
    }

    /** An empty array value under {@code name}. */
    public JsonWriter emptyArray(String name) {
        return name(name).beginArray().endArray();
    }

    /** An empty object value under {@code name}. */
    public JsonWriter emptyObject(String name) {
        return name(name).beginObject().endObject();
    }

    /** An array of strings under {@code name}. */
    public JsonWriter strings(String name, String... values) {
        name(name).beginArray();
        for (String v : values) {
            str(v);
        }
        return endArray();
    }

    private void appendQuoted(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
