package org.beelms.smoke.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {

    private static Optional<Object> parse(String text) {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsObjectsArraysAndScalarsAsPlainJavaValues() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 7);
        expected.put("big", 12345678901L);
        expected.put("price", 49.5);
        expected.put("title", "Първи стъпки");
        expected.put("paid", false);
        expected.put("none", null);
        expected.put("items", List.of(Map.of("id", "a", "completed", true), List.of()));
        assertEquals(Optional.of(expected), parse("{\"id\":7,\"big\":12345678901,\"price\":49.5,\"title\":\"Първи стъпки\","
                + "\"paid\":false,\"none\":null,\"items\":[{\"id\":\"a\",\"completed\":true},[]]}"));
        assertEquals(Optional.of(Arrays.asList(1, "x", null)), parse("[1,\"x\",null]"));
        assertEquals(Optional.of("ok"), parse("\"ok\""));
    }

    @Test
    void aBodyThatIsNotOneJsonValueIsEmpty() {
        assertEquals(Optional.empty(), parse(""));
        assertEquals(Optional.empty(), parse("<html>502 Bad Gateway</html>"));
        assertEquals(Optional.empty(), parse("{\"id\":"));
        assertEquals(Optional.empty(), parse("{} {}"));
        assertEquals(Optional.empty(), parse("null"));
    }
}
