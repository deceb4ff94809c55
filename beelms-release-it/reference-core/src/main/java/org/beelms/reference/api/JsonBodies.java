package org.beelms.reference.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Request bodies are read as text and parsed here, so that every malformed body, wrong type or unknown
 * field is a 400 with a message naming the field (NestJS ValidationPipe wording), whatever the
 * Content-Type the client sent.
 */
final class JsonBodies {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBodies() {
  }

  /** The body as a JSON object, or 400. */
  static ObjectNode object(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("Request body is required (a JSON object)");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("Request body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("Request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Adds "property X should not exist" for each field not in {@code allowed}. */
  static void rejectUnknownFields(ObjectNode body, Set<String> allowed, List<String> problems) {
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        problems.add("property " + name + " should not exist");
      }
    }
  }

  /** The text of a string field, or null after adding "X must be a string". */
  static String string(ObjectNode body, String field, List<String> problems) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual()) {
      problems.add(field + " must be a string");
      return null;
    }
    return value.asText();
  }

  static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  static void failIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw ApiException.validation(new ArrayList<>(problems));
    }
  }
}
