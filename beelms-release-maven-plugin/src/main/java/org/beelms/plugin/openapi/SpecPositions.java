package org.beelms.plugin.openapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The line of every key in a YAML or JSON document, by its path of keys ({@code paths},
 * {@code /wiki/articles}, {@code get}, {@code responses}). Built from SnakeYAML's node marks, so
 * findings can name the line swagger-parser does not give.
 */
public final class SpecPositions {

  private final Map<List<String>, Integer> lines;

  private SpecPositions(Map<List<String>, Integer> lines) {
    this.lines = lines;
  }

  /**
   * Indexes {@code text}.
   *
   * @throws org.yaml.snakeyaml.error.MarkedYAMLException when the text is not YAML, with the line
   */
  public static SpecPositions of(String text) {
    if (text.stripLeading().startsWith("{")) {
      Optional<SpecPositions> json = ofJson(text);
      if (json.isPresent()) {
        return json.get();
      }
    }
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    options.setMaxAliasesForCollections(1000);
    Node root = new Yaml(options).compose(new StringReader(text));
    Map<List<String>, Integer> lines = new HashMap<>();
    if (root != null) {
      index(root, new ArrayList<>(), lines);
    }
    return new SpecPositions(lines);
  }

  /**
   * Indexes a JSON document with Jackson's token locations (JSON that YAML rejects, e.g. tab
   * indentation, is still valid JSON); empty when it is not valid JSON.
   */
  private static Optional<SpecPositions> ofJson(String text) {
    Map<List<String>, Integer> lines = new HashMap<>();
    Deque<List<String>> containers = new ArrayDeque<>();
    Deque<int[]> indexes = new ArrayDeque<>();
    List<String> pendingField = null;
    try (JsonParser parser = new JsonFactory().createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        int line = parser.currentTokenLocation().getLineNr();
        List<String> here = pendingField;
        pendingField = null;
        if (token == JsonToken.FIELD_NAME) {
          List<String> path = new ArrayList<>(containers.isEmpty() ? List.of() : containers.peek());
          path.add(parser.currentName());
          lines.putIfAbsent(List.copyOf(path), line);
          pendingField = path;
          continue;
        }
        if (here == null && !indexes.isEmpty() && indexes.peek()[0] >= 0) {
          List<String> path = new ArrayList<>(containers.peek());
          path.add(String.valueOf(indexes.peek()[0]++));
          lines.putIfAbsent(List.copyOf(path), line);
          here = path;
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          containers.push(here == null ? List.of() : List.copyOf(here));
          indexes.push(new int[] {token == JsonToken.START_ARRAY ? 0 : -1});
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          containers.pop();
          indexes.pop();
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(new SpecPositions(lines));
  }

  private static void index(Node node, List<String> path, Map<List<String>, Integer> lines) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          continue;
        }
        path.add(key.getValue());
        lines.putIfAbsent(List.copyOf(path), key.getStartMark().getLine() + 1);
        index(tuple.getValueNode(), path, lines);
        path.remove(path.size() - 1);
      }
    } else if (node instanceof SequenceNode sequence) {
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        path.add(String.valueOf(i));
        lines.putIfAbsent(List.copyOf(path), items.get(i).getStartMark().getLine() + 1);
        index(items.get(i), path, lines);
        path.remove(path.size() - 1);
      }
    }
  }

  /** The 1-based line of the key at {@code path}, when present. */
  public OptionalInt line(String... path) {
    Integer line = lines.get(List.of(path));
    return line == null ? OptionalInt.empty() : OptionalInt.of(line);
  }

  /**
   * The line of the key at {@code path}; when it is missing, the line of a key with the same name
   * below the deepest existing key along {@code path} (swagger-parser leaves levels such as {@code
   * properties.total} out of its messages), else the line of that deepest key; 1 when none exists.
   */
  public int nearest(List<String> path) {
    for (int n = path.size(); n > 0; n--) {
      Integer line = lines.get(path.subList(0, n));
      if (line == null) {
        continue;
      }
      if (n == path.size()) {
        return line;
      }
      List<String> prefix = path.subList(0, n);
      String last = path.get(path.size() - 1);
      int best = Integer.MAX_VALUE;
      for (Map.Entry<List<String>, Integer> entry : lines.entrySet()) {
        List<String> key = entry.getKey();
        if (key.size() > n && key.get(key.size() - 1).equals(last) && key.subList(0, n).equals(prefix)) {
          best = Math.min(best, entry.getValue());
        }
      }
      return best == Integer.MAX_VALUE ? line : best;
    }
    return 1;
  }
}
