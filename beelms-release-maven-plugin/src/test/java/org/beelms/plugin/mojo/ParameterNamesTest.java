package org.beelms.plugin.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Plugin-level {@code <configuration>} reaches every goal, so a parameter name must mean one thing
 * in all goals. Reads the generated plugin descriptor and fails when two goals declare the same
 * name with a different type or a different {@code -D} property (the property says what a
 * parameter means: {@code beelms.image.to} is not {@code beelms.rollback.to}).
 */
class ParameterNamesTest {

  private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

  /**
   * Names that differ in property only, on purpose: the meaning is shared (see
   * docs/goals/README.md, "One name, one meaning"). Each entry says why.
   */
  static final Map<String, String> SHARED_ON_PURPOSE =
      Map.of(
          "skip", "each goal's own skip flag, beelms.skip.<goal> (Maven convention)",
          "failOn", "the lowest severity that fails the gate, per gate",
          "compareWithPrevious", "compare with the previous release's tag, per gate",
          "remote", "the git remote (a name or URL) the goal talks to",
          "force", "the recorded reason to override the goal's own refusal; given per run with -D",
          "to", "image's target; rollback's <to> is the deprecated alias of <rollbackTo> for one"
              + " release and ignores a value that is an image target (tar, registry, docker)",
          "user", "the container's user; migrations-check's <user> is the deprecated alias of"
              + " <jdbcUser> for one release, read only with <jdbcUrl>, with a warning");

  @Test
  void everyParameterNameMeansOneThingInEveryGoal() throws Exception {
    Map<String, Set<String>> meanings = meaningsByName(descriptor());
    List<String> collisions = new ArrayList<>();
    meanings.forEach(
        (name, kinds) -> {
          if (kinds.size() > 1 && !SHARED_ON_PURPOSE.containsKey(name)) {
            collisions.add(name + " " + kinds);
          }
        });
    assertEquals(List.of(), collisions,
        "parameter names declared with different meanings by different goals; rename one (keep the"
            + " old name for one release with a deprecation warning) or document why the meaning is shared");
  }

  @Test
  void everyDocumentedExceptionStillExists() throws Exception {
    Map<String, Set<String>> meanings = meaningsByName(descriptor());
    for (String name : SHARED_ON_PURPOSE.keySet()) {
      assertTrue(meanings.getOrDefault(name, Set.of()).size() > 1,
          name + " is no longer declared with two meanings; drop it from SHARED_ON_PURPOSE");
    }
  }

  @Test
  void theRollbackTargetAndTheDatabaseUserNoLongerShareTheImagesNames() throws Exception {
    Map<String, Set<String>> meanings = meaningsByName(descriptor());
    // The properties stay where they were; the new names carry them.
    assertEquals(Set.of("java.lang.String ${beelms.rollback.to}"), meanings.get("rollbackTo"));
    assertEquals(Set.of("java.lang.String ${beelms.migrations.user}"), meanings.get("jdbcUser"));
    // The deprecated aliases take no property: -D never reaches them.
    assertEquals(Set.of("java.lang.String ${beelms.image.to}", "java.lang.String "), meanings.get("to"));
    assertEquals(Set.of("java.lang.String ${beelms.image.user}", "java.lang.String "), meanings.get("user"));
  }

  private static Document descriptor() throws Exception {
    assertTrue(Files.isRegularFile(DESCRIPTOR), DESCRIPTOR + " not generated; run mvn process-classes");
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
  }

  /** Each writable parameter's name → its distinct "type property" pairs across goals. */
  private static Map<String, Set<String>> meaningsByName(Document plugin) {
    Map<String, Set<String>> meanings = new TreeMap<>();
    forEachParameter(plugin, (goal, name, meaning) ->
        meanings.computeIfAbsent(name, n -> new TreeSet<>()).add(meaning));
    return meanings;
  }

  private interface ParameterVisitor {
    void visit(String goal, String name, String meaning);
  }

  private static void forEachParameter(Document plugin, ParameterVisitor visitor) {
    NodeList mojos = plugin.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      String goal = text(mojo, "goal");
      Map<String, String> properties = new TreeMap<>();
      Element configuration = child(mojo, "configuration");
      if (configuration != null) {
        for (Node n = configuration.getFirstChild(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element e) {
            properties.put(e.getTagName(), e.getTextContent().trim());
          }
        }
      }
      Element parameters = child(mojo, "parameters");
      for (Node n = parameters.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element parameter && "true".equals(text(parameter, "editable"))) {
          String name = text(parameter, "name");
          String property = properties.getOrDefault(name, "");
          visitor.visit(goal, name, text(parameter, "type") + " " + property);
        }
      }
    }
  }

  private static Element child(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String tag) {
    Element e = child(parent, tag);
    return e == null ? "" : e.getTextContent().trim();
  }
}
