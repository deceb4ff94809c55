package org.beelms.smoke.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request being built against the API (or the web front end) through {@link HttpTransport}: headers, query
 * parameters, a body (a {@code String} is sent as is, a {@code Map}/{@code List} as JSON), then {@code get},
 * {@code post}, ... with REST Assured's path templates ({@code "/courses/{courseId}"}, filled in order, encoded).
 * Sending blocks, is bounded by the transport's timeouts, and is recorded in the journal.
 */
public final class ApiRequest {
    private static final Pattern TEMPLATE = Pattern.compile("\\{[^}/]+}");

    private final HttpTransport transport;
    private final String base;
    private final boolean api;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String[]> query = new ArrayList<>();
    private Object body;

    ApiRequest(HttpTransport transport, String base, Map<String, String> headers, boolean api) {
        this.transport = transport;
        this.base = base;
        this.api = api;
        this.headers.putAll(headers);
    }

    public ApiRequest header(String name, Object value) {
        headers.put(name, String.valueOf(value));
        return this;
    }

    public ApiRequest queryParam(String name, Object value) {
        query.add(new String[] {name, String.valueOf(value)});
        return this;
    }

    /** The body: a {@code String} as is, anything else (maps, lists, strings, numbers, booleans) as JSON. */
    public ApiRequest body(Object body) {
        this.body = body;
        return this;
    }

    public ApiResponse get(String path, Object... pathParams) {
        return send("GET", path, pathParams);
    }

    public ApiResponse post(String path, Object... pathParams) {
        return send("POST", path, pathParams);
    }

    public ApiResponse put(String path, Object... pathParams) {
        return send("PUT", path, pathParams);
    }

    public ApiResponse patch(String path, Object... pathParams) {
        return send("PATCH", path, pathParams);
    }

    public ApiResponse delete(String path, Object... pathParams) {
        return send("DELETE", path, pathParams);
    }

    public ApiResponse options(String path, Object... pathParams) {
        return send("OPTIONS", path, pathParams);
    }

    /** Sends {@code method} (any, e.g. from a table of endpoints). */
    public ApiResponse request(String method, String path, Object... pathParams) {
        return send(method.toUpperCase(java.util.Locale.ROOT), path, pathParams);
    }

    /**
     * Sends this request {@code times} times at once (e.g. a burst of failed logins for a rate limiter) and returns
     * the answers in sending order; all are recorded for the calling check.
     */
    public List<ApiResponse> burst(int times, String method, String path, Object... pathParams) {
        if (times < 1) {
            throw new IllegalArgumentException("a burst of " + times + " requests");
        }
        String bodyText = body == null ? null : body instanceof String s ? s : Json.write(body);
        return transport.sendAll(method.toUpperCase(java.util.Locale.ROOT), url(path, pathParams), headers, bodyText,
                times, api);
    }

    private ApiResponse send(String method, String path, Object[] pathParams) {
        String bodyText = body == null ? null : body instanceof String s ? s : Json.write(body);
        return transport.send(method, url(path, pathParams), headers, bodyText, api);
    }

    String url(String path, Object[] pathParams) {
        StringBuilder url = new StringBuilder();
        if (path.startsWith("http://") || path.startsWith("https://")) {
            url.append(path);
        } else {
            String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            url.append(b).append(path.startsWith("/") || path.isEmpty() ? path : "/" + path);
        }
        String filled = fill(url.toString(), pathParams);
        if (query.isEmpty()) {
            return filled;
        }
        StringBuilder q = new StringBuilder(filled).append(filled.contains("?") ? '&' : '?');
        for (int i = 0; i < query.size(); i++) {
            if (i > 0) {
                q.append('&');
            }
            q.append(encode(query.get(i)[0])).append('=').append(encode(query.get(i)[1]));
        }
        return q.toString();
    }

    private static String fill(String url, Object[] params) {
        Matcher m = TEMPLATE.matcher(url);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            if (i >= params.length) {
                throw new IllegalArgumentException("path template " + url + " names more parameters than the "
                        + params.length + " given");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(encode(String.valueOf(params[i++]))));
        }
        m.appendTail(out);
        if (i < params.length) {
            throw new IllegalArgumentException("path template " + url + " takes " + i + " parameters, "
                    + params.length + " given");
        }
        return out.toString();
    }

    /** Percent-encoding for a path segment or a query value (a space as {@code %20}, never {@code +}). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
