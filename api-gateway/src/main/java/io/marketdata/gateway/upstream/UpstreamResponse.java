package io.marketdata.gateway.upstream;

import java.nio.charset.StandardCharsets;

/** What a service answered: status, content type and the body bytes, passed on unparsed where possible. */
public record UpstreamResponse(int status, String contentType, byte[] body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
