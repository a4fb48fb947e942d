package io.marketdata.emulator.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A fluent facade over Jackson's streaming {@link JsonGenerator}. The venues differ in whether a
 * value is a JSON string or a JSON number (often for the same field across venues), so every value
 * is written explicitly: {@link #str} for strings, {@link #num} for a numeric literal already
 * formatted exactly (never through binary floating point).
 */
public final class JsonWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final StringWriter out;
    private final JsonGenerator gen;

    public JsonWriter() {
        this(256);
    }

    public JsonWriter(int capacity) {
        out = new StringWriter(capacity);
        try {
            gen = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private JsonWriter write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonWriter beginObject() {
        return write(gen::writeStartObject);
    }

    public JsonWriter endObject() {
        return write(gen::writeEndObject);
    }

    public JsonWriter beginArray() {
        return write(gen::writeStartArray);
    }

    public JsonWriter endArray() {
        return write(gen::writeEndArray);
    }

    public JsonWriter name(String name) {
        return write(() -> gen.writeFieldName(name));
    }

    public JsonWriter str(String value) {
        return write(() -> gen.writeString(value));
    }

    /** A JSON number from an exactly formatted literal (e.g. "65000.1"). */
    public JsonWriter num(String literal) {
        return write(() -> {
            if (literal == null) {
                gen.writeNull();
            } else {
                gen.writeNumber(literal);
            }
        });
    }

    public JsonWriter num(long value) {
        return write(() -> gen.writeNumber(value));
    }

    public JsonWriter bool(boolean value) {
        return write(() -> gen.writeBoolean(value));
    }

    public JsonWriter nul() {
        return write(gen::writeNull);
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

    @Override
    public String toString() {
        return write(gen::flush).out.toString();
    }
}
