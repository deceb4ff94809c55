package org.beelms.smoke.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads response bodies with one shared Jackson {@link ObjectMapper}. REST Assured's {@code jsonPath()} and
 * {@code body("path", matcher)} compile every GPath expression into a Groovy script (the Groovy compiler dominated a
 * smoke run's fixed cost, see docs/benchmarks.md); the checks read plain JSON through here instead.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The parsed body (Map, List, String, Number, Boolean) or empty when the body is not JSON. */
    public static Optional<Object> parse(Response r) {
        byte[] bytes = r.asByteArray();
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readValue(bytes, Object.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The body as a JSON object; fails naming {@code what} (e.g. {@code GET /users/me}) when it is not one. */
    public static Map<String, Object> object(Response r, String what) {
        Object root = parse(r).orElse(null);
        if (!(root instanceof Map<?, ?> m)) {
            throw new AssertionFailedError(what + " did not answer a JSON object " + shape(r));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) m;
        return map;
    }

    /** The body as a JSON array of objects; fails naming {@code what} when it is not one. */
    public static List<Map<String, Object>> array(Response r, String what) {
        Object root = parse(r).orElse(null);
        if (!(root instanceof List<?> list)) {
            throw new AssertionFailedError(what + " did not answer a JSON array " + shape(r));
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?>)) {
                throw new AssertionFailedError(what + " answered a JSON array whose item " + i + " is not an object");
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) list;
        return items;
    }

    /** What came instead (status, content type, size): never the body, which may hold a token. */
    private static String shape(Response r) {
        byte[] bytes = r.asByteArray();
        return "(" + r.statusCode() + ", Content-Type " + r.getContentType() + ", " + (bytes == null ? 0 : bytes.length)
                + " bytes)";
    }

    /** The body as a JSON object, or an empty map when it is not one. */
    public static Map<String, Object> objectOrEmpty(Response r) {
        Object root = parse(r).orElse(null);
        if (root instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        return Map.of();
    }
}
