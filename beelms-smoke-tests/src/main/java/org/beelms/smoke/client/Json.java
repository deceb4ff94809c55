package org.beelms.smoke.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.restassured.response.Response;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads response bodies with Jackson's streaming parser into plain maps, lists, strings, numbers and booleans.
 * REST Assured's {@code jsonPath()} and {@code body("path", matcher)} compile every GPath expression into a Groovy
 * script (the Groovy compiler dominated a smoke run's fixed cost, see docs/benchmarks.md); the checks read plain JSON
 * through here instead. The streaming parser, not an {@code ObjectMapper}: databind loads some 450 classes, which a
 * short run (e.g. {@code --suites ops}) would pay for nothing.
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** The parsed body (Map, List, String, Number, Boolean) or empty when the body is not JSON. */
    public static Optional<Object> parse(Response r) {
        return parse(r.asByteArray());
    }

    /** The parsed body (Map, List, String, Number, Boolean) or empty when the body is not JSON. */
    public static Optional<Object> parse(ApiResponse r) {
        return parse(r.rawBody());
    }

    /** The parsed JSON value of {@code text}, or empty when it is not one complete JSON value. */
    public static Optional<Object> parse(String text) {
        return text == null ? Optional.empty() : parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The parsed JSON value of {@code bytes}, or empty when they are not one complete JSON value. */
    static Optional<Object> parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            Object value = read(parser);
            return parser.nextToken() == null ? Optional.ofNullable(value) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    /** The body as a JSON object; fails naming {@code what} (e.g. {@code GET /users/me}) when it is not one. */
    public static Map<String, Object> object(Response r, String what) {
        return object(parse(r).orElse(null), what, shape(r.statusCode(), r.getContentType(), r.asByteArray()));
    }

    /** The body as a JSON object; fails naming {@code what} (e.g. {@code GET /users/me}) when it is not one. */
    public static Map<String, Object> object(ApiResponse r, String what) {
        return object(parse(r).orElse(null), what, shape(r.statusCode(), r.getContentType(), r.rawBody()));
    }

    /** The body as a JSON array of objects; fails naming {@code what} when it is not one. */
    public static List<Map<String, Object>> array(Response r, String what) {
        return array(parse(r).orElse(null), what, shape(r.statusCode(), r.getContentType(), r.asByteArray()));
    }

    /** The body as a JSON array of objects; fails naming {@code what} when it is not one. */
    public static List<Map<String, Object>> array(ApiResponse r, String what) {
        return array(parse(r).orElse(null), what, shape(r.statusCode(), r.getContentType(), r.rawBody()));
    }

    /** The body as a JSON object, or an empty map when it is not one. */
    public static Map<String, Object> objectOrEmpty(Response r) {
        return objectOrEmpty(parse(r).orElse(null));
    }

    /** The body as a JSON object, or an empty map when it is not one. */
    public static Map<String, Object> objectOrEmpty(ApiResponse r) {
        return objectOrEmpty(parse(r).orElse(null));
    }

    private static Map<String, Object> object(Object root, String what, String shape) {
        if (!(root instanceof Map<?, ?> m)) {
            throw new AssertionFailedError(what + " did not answer a JSON object " + shape);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) m;
        return map;
    }

    private static List<Map<String, Object>> array(Object root, String what, String shape) {
        if (!(root instanceof List<?> list)) {
            throw new AssertionFailedError(what + " did not answer a JSON array " + shape);
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

    private static Map<String, Object> objectOrEmpty(Object root) {
        if (root instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        return Map.of();
    }

    /** What came instead (status, content type, size): never the body, which may hold a token. */
    private static String shape(int status, String contentType, byte[] bytes) {
        return "(" + status + ", Content-Type " + contentType + ", " + (bytes == null ? 0 : bytes.length) + " bytes)";
    }

    /**
     * {@code value} as JSON text: maps, lists (and arrays), strings, numbers, booleans and null, with Jackson's
     * streaming generator (request bodies; no databind, see the class comment).
     */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            g.writeStartArray();
            for (Object item : items) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Object[] items) {
            write(g, java.util.Arrays.asList(items));
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            g.writeNumber(n.toString());
        } else {
            g.writeString(value.toString());
        }
    }
}
