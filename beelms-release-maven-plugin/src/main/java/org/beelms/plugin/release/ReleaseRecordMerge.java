package org.beelms.plugin.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges two versions of the same release record at the JSON level, so no deploy or rollback
 * entry is ever lost when two runners (or a re-run) wrote the record apart. Every environment's
 * {@code deployments} list becomes the union of both sides by entry id (see {@link #entryId}),
 * sorted by time; an entry present on both sides keeps every field either side has (so a {@code
 * rolledBack: true} added later survives). The environment's summary fields ({@code status},
 * {@code version}, {@code at}, …) come from the side whose latest entry is newer.
 *
 * <p>Two uses: {@link #union} for records fetched from a remote (the fields outside the entry
 * lists must agree, otherwise it is an error naming both values, since nothing can say which is
 * right), and {@link #rerun} for a re-run of {@code release-candidate} over an existing note (the
 * fresh record's fields win, the existing entries are kept).
 */
public final class ReleaseRecordMerge {

  /** The entry lists merged by id; each is an array under {@code smoke.<environment>}. */
  static final List<String> ENTRY_LISTS = List.of("deployments");

  private ReleaseRecordMerge() {}

  /** Two records of the same release disagree outside their entry lists. */
  public static final class ConflictException extends IllegalStateException {
    public ConflictException(String message) {
      super(message);
    }
  }

  /**
   * Both sides' entries; the fields outside them must be the same.
   *
   * @param oursOrigin where {@code ours} comes from, for the error (e.g. "the local git note")
   * @param theirsOrigin where {@code theirs} comes from (e.g. "origin's git note")
   * @throws ConflictException naming the field and both values when they disagree outside the
   *     entry lists
   */
  public static ReleaseRecord union(
      ReleaseRecord ours, String oursOrigin, ReleaseRecord theirs, String theirsOrigin) {
    ObjectNode a = (ObjectNode) ReleaseRecord.JSON.valueToTree(ours);
    ObjectNode b = (ObjectNode) ReleaseRecord.JSON.valueToTree(theirs);
    Iterator<String> names = union(a.fieldNames(), b.fieldNames());
    while (names.hasNext()) {
      String field = names.next();
      if (field.equals("smoke")) {
        continue;
      }
      JsonNode x = a.get(field);
      JsonNode y = b.get(field);
      if (x == null ? y != null : !x.equals(y)) {
        throw new ConflictException(
            "the release records of " + ours.tag() + " (commit " + ours.commit() + ") disagree on '"
                + field + "': " + oursOrigin + " has " + shown(x) + ", " + theirsOrigin + " has "
                + shown(y) + "; entries are merged, other fields are not: decide which record is"
                + " right and re-attach it (git notes --ref beelms-release add -f " + ours.commit()
                + "), then run again");
      }
    }
    return withSmoke(ours, mergeSmoke(ours.smoke(), theirs.smoke()));
  }

  /**
   * A re-run's fresh record over the record already kept: the fresh fields win, every deploy and
   * rollback entry of the existing record is kept.
   */
  public static ReleaseRecord rerun(ReleaseRecord existing, ReleaseRecord fresh) {
    return withSmoke(fresh, mergeSmoke(fresh.smoke(), existing.smoke()));
  }

  /**
   * The identity of a deploy or rollback entry: what it did, where, when, to which digest, by
   * whom. Entries carry no id field of their own (older records have none); these five fields
   * never change once written.
   */
  public static String entryId(JsonNode entry) {
    return String.join(
        "|",
        entry.path("action").asText(""),
        entry.path("environment").asText(""),
        entry.path("at").asText(""),
        entry.path("digest").asText(""),
        entry.path("by").asText(""));
  }

  private static ObjectNode mergeSmoke(ObjectNode ours, ObjectNode theirs) {
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    Iterator<String> environments = union(ours.fieldNames(), theirs.fieldNames());
    while (environments.hasNext()) {
      String name = environments.next();
      JsonNode a = ours.get(name);
      JsonNode b = theirs.get(name);
      if (!(a instanceof ObjectNode x)) {
        merged.set(name, b == null ? a : b.deepCopy());
        continue;
      }
      if (!(b instanceof ObjectNode y)) {
        merged.set(name, x.deepCopy());
        continue;
      }
      merged.set(name, mergeEnvironment(x, y));
    }
    return merged;
  }

  /** One environment: summary from the newer side, entry lists as a union. */
  private static ObjectNode mergeEnvironment(ObjectNode ours, ObjectNode theirs) {
    boolean theirsNewer = theirs.path("at").asText("").compareTo(ours.path("at").asText("")) > 0;
    ObjectNode newer = theirsNewer ? theirs : ours;
    ObjectNode older = theirsNewer ? ours : theirs;
    ObjectNode merged = newer.deepCopy();
    older.fields().forEachRemaining(f -> {
      if (!merged.has(f.getKey())) {
        merged.set(f.getKey(), f.getValue().deepCopy());
      }
    });
    for (String list : ENTRY_LISTS) {
      if (ours.has(list) || theirs.has(list)) {
        merged.set(list, mergeEntries(ours.path(list), theirs.path(list)));
      }
    }
    return merged;
  }

  private static ArrayNode mergeEntries(JsonNode ours, JsonNode theirs) {
    Map<String, ObjectNode> byId = new LinkedHashMap<>();
    List<JsonNode> all = new ArrayList<>();
    ours.forEach(all::add);
    theirs.forEach(all::add);
    for (JsonNode entry : all) {
      if (!(entry instanceof ObjectNode object)) {
        continue;
      }
      ObjectNode known = byId.get(entryId(object));
      if (known == null) {
        byId.put(entryId(object), object.deepCopy());
        continue;
      }
      // The same entry on both sides: keep every field either side added (rolledBack, a
      // lock break), and a flag once true stays true.
      object.fields().forEachRemaining(f -> {
        JsonNode mine = known.get(f.getKey());
        if (mine == null || (f.getValue().isBoolean() && f.getValue().asBoolean())) {
          known.set(f.getKey(), f.getValue().deepCopy());
        }
      });
    }
    List<ObjectNode> sorted = new ArrayList<>(byId.values());
    sorted.sort(Comparator.comparing((ObjectNode e) -> e.path("at").asText("")));
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    sorted.forEach(out::add);
    return out;
  }

  private static ReleaseRecord withSmoke(ReleaseRecord base, ObjectNode smoke) {
    return new ReleaseRecord(
        base.schema(), base.version(), base.tag(), base.commit(), base.createdAt(), base.dryRun(),
        base.image(), base.flyway(), base.specSha256(), base.gates(), smoke, base.migrations());
  }

  private static Iterator<String> union(Iterator<String> a, Iterator<String> b) {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    a.forEachRemaining(names::add);
    b.forEachRemaining(names::add);
    return names.iterator();
  }

  private static String shown(JsonNode value) {
    if (value == null) {
      return "nothing";
    }
    String text = value.toString();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
