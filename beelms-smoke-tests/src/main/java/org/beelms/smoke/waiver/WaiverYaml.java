package org.beelms.smoke.waiver;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a waiver file: a YAML list of flat entries, each with a {@code reason}, an {@code owner} and an
 * {@code expires} date besides what it waives. The one reader of both kinds of waiver file, the Definition-of-Done
 * waivers ({@code item}) and the smoke/regression waivers ({@code check}, optional {@code endpoint} and
 * {@code detail}): each entry keeps the line it starts on, so every message names the file and the line.
 */
public final class WaiverYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private WaiverYaml() {
    }

    /**
     * One entry as written.
     *
     * @param fields the entry's fields, values as text (stripped), in file order
     * @param line the line the entry starts on (1-based)
     * @param position {@code <file>:<line>}, for messages
     */
    public record Entry(Map<String, String> fields, int line, String position) {

        public Entry {
            fields = Map.copyOf(fields);
        }

        /**
         * The field's value; the message names the position and the fields every entry needs.
         *
         * @throws IllegalArgumentException when the field is missing or blank
         */
        public String required(String field, String every) {
            String value = fields.get(field);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(position + ": the waiver has no '" + field + "'; every waiver needs "
                        + every);
            }
            return value;
        }

        /** The field's value, empty when it is missing or blank. */
        public String optional(String field) {
            String value = fields.get(field);
            return value == null ? "" : value;
        }

        /**
         * A required ISO date ({@code YYYY-MM-DD}).
         *
         * @throws IllegalArgumentException when it is missing or not a date
         */
        public LocalDate date(String field, String every) {
            String value = required(field, every);
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(position + ": " + field + " '" + value
                        + "' is not a date; write it as YYYY-MM-DD", e);
            }
        }
    }

    /**
     * The entries of {@code file}; an empty file has none.
     *
     * @param setting the setting that names the file (e.g. {@code <smokeWaivers> / -Dbeelms.smoke.waivers}), for
     *     the message when it does not exist
     * @param example one entry as it should be written, for the message when the shape is wrong
     * @param known the fields an entry may have; any other is refused (a misspelt {@code endpoint} would otherwise
     *     widen the waiver without anyone noticing)
     * @throws IllegalArgumentException naming the file and line when the file is missing or not such a list
     */
    public static List<Entry> read(Path file, String setting, String example, Set<String> known) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("waiver file " + file + " does not exist (" + setting
                    + "); create it or leave the setting empty");
        }
        List<Entry> entries = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile())) {
            JsonToken token = parser.nextToken();
            if (token == null || token == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (token != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException(file + ":" + line(parser.currentTokenLocation())
                        + ": a waiver file is a YAML list of waivers, e.g. " + example);
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int line = line(parser.currentTokenLocation());
                String position = file + ":" + line;
                JsonNode node = YAML.readTree(parser);
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException(position + ": a waiver is a mapping of fields, e.g. " + example);
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!known.contains(field.getKey())) {
                        throw new IllegalArgumentException(position + ": unknown field '" + field.getKey()
                                + "' in a waiver; the fields are " + String.join(", ", known));
                    }
                    if (field.getValue().isContainerNode()) {
                        throw new IllegalArgumentException(position + ": '" + field.getKey()
                                + "' must be a single value, not a list or mapping");
                    }
                    fields.put(field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText().strip());
                }
                entries.add(new Entry(fields, line, position));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + line(e.getLocation()) + ": not valid YAML ("
                    + e.getOriginalMessage() + "); a waiver file is a YAML list of waivers, e.g. " + example, e);
        }
        return entries;
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }
}
