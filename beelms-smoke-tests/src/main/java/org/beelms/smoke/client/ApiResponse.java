package org.beelms.smoke.client;

import org.opentest4j.AssertionFailedError;

import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An answer received through {@link ApiRequest}: status, headers and the whole body, already read. The accessors carry
 * REST Assured's names ({@code statusCode()}, {@code getContentType()}, {@code getHeader()}, {@code asString()}) so a
 * check reads the same whichever client sent the request.
 */
public final class ApiResponse {
    private final String method;
    private final String url;
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    ApiResponse(String method, String url, int status, HttpHeaders headers, byte[] body) {
        this.method = method;
        this.url = url;
        this.status = status;
        this.headers = headers;
        this.body = body == null ? new byte[0] : body;
    }

    /** The request's method. */
    public String method() {
        return method;
    }

    /** The requested URL, as sent (not redacted: never put it in a message without the journal's redactor). */
    public String url() {
        return url;
    }

    public int statusCode() {
        return status;
    }

    public int getStatusCode() {
        return status;
    }

    /** The {@code Content-Type} header, or an empty string when the answer has none. */
    public String getContentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    /** The first value of {@code name} (case-insensitive), or {@code null}. */
    public String getHeader(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** Every header, names lower case. */
    public Map<String, List<String>> headers() {
        return headers.map();
    }

    public byte[] asByteArray() {
        return body.clone();
    }

    /** The body decoded with the charset its content type names (UTF-8 otherwise). */
    public String asString() {
        return new String(body, charset());
    }

    /** REST Assured's {@code getBody().asString()} shape, for checks written against either client. */
    public ApiResponse getBody() {
        return this;
    }

    /** True when the content type says JSON. */
    public boolean isJson() {
        return getContentType().toLowerCase(Locale.ROOT).contains("json");
    }

    /** Asserts the status (and, with {@link ApiExpectation#json(int)}, a JSON content type); returns this answer. */
    public ApiResponse expect(ApiExpectation expectation) {
        expectation.verify(this);
        return this;
    }

    /** Asserts the status; returns this answer. */
    public ApiResponse expectStatus(int expected) {
        if (status != expected) {
            throw new AssertionFailedError(method + " " + pathOf(url) + " answered " + status + ", expected " + expected,
                    expected, status);
        }
        return this;
    }

    byte[] rawBody() {
        return body;
    }

    private Charset charset() {
        String type = getContentType();
        int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            String name = type.substring(at + "charset=".length()).split("[;\\s]", 2)[0].replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The path and query of a URL, for messages that must not repeat the host. */
    static String pathOf(String url) {
        int scheme = url.indexOf("://");
        int slash = scheme < 0 ? url.indexOf('/') : url.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : url.substring(slash);
    }

    @Override
    public String toString() {
        return method + " " + pathOf(url) + " → " + status;
    }
}
