package io.marketdata.gateway.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the path and query of a call to a service from validated values; absent values are left out. */
public final class Query {

    private final StringBuilder sb;
    private boolean first = true;

    private Query(String path) {
        sb = new StringBuilder(path);
    }

    public static Query path(String path) {
        return new Query(path);
    }

    public Query add(String name, Object value) {
        if (value == null) {
            return this;
        }
        sb.append(first ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        first = false;
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
