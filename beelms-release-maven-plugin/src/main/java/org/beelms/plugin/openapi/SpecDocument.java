package org.beelms.plugin.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.beelms.plugin.gate.Finding;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A parsed OpenAPI document together with its text positions, so every finding about it can name
 * a line. {@link #parse} never throws for a bad document: it returns the problems as findings.
 */
public final class SpecDocument {

  private static final Pattern MESSAGE_PATH = Pattern.compile("'([^']*)'|\\(([A-Za-z]+)\\)|([^.'()]+)");

  private final String location;
  private final OpenAPI openApi;
  private final SpecPositions positions;

  private SpecDocument(String location, OpenAPI openApi, SpecPositions positions) {
    this.location = location;
    this.openApi = openApi;
    this.positions = positions;
  }

  /**
   * What parsing gave: the document when it could be read at all, and every problem as an {@link
   * org.beelms.plugin.gate.Severity#ERROR} finding naming {@code location:line}.
   */
  public record Parsed(Optional<SpecDocument> document, List<Finding> problems) {
    public Parsed {
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      return document.isPresent() && problems.isEmpty();
    }
  }

  /**
   * Parses {@code text} (YAML or JSON).
   *
   * @param location the file (or URL, or {@code spec@v0.1.0}) shown in findings
   */
  public static Parsed parse(String location, String text) {
    SpecPositions positions;
    try {
      positions = SpecPositions.of(text);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 1 : mark.getLine() + 1;
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      return new Parsed(
          Optional.empty(),
          List.of(
              Finding.error(
                  "The spec is not valid YAML: " + problem.trim(),
                  location + ":" + line,
                  OpenApiSuggestions.fixYaml(location, line))));
    } catch (YAMLException e) {
      return new Parsed(
          Optional.empty(),
          List.of(
              Finding.error(
                  "The spec cannot be read as YAML: " + e.getMessage(),
                  location + ":1",
                  OpenApiSuggestions.fixYaml(location, 1))));
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
    List<Finding> problems = new ArrayList<>();
    OpenAPI openApi = result.getOpenAPI();
    if (openApi == null) {
      problems.add(
          Finding.error(
              "The spec is not an OpenAPI 3 document"
                  + (result.getMessages() == null || result.getMessages().isEmpty()
                      ? ""
                      : ": " + String.join("; ", result.getMessages())),
              location + ":1",
              "Start the file with 'openapi: 3.0.3', 'info' and 'paths' (see the OpenAPI 3.0 specification)"));
      return new Parsed(Optional.empty(), problems);
    }
    if (result.getMessages() != null) {
      for (String message : result.getMessages()) {
        int line = positions.nearest(messagePath(message));
        problems.add(
            Finding.error(
                "The spec is not valid OpenAPI: " + message,
                location + ":" + line,
                OpenApiSuggestions.fixOpenApi(location, line, message)));
      }
    }
    return new Parsed(Optional.of(new SpecDocument(location, openApi, positions)), problems);
  }

  /** The key path a swagger-parser message names: {@code paths.'/x'(get).responses} → [paths, /x, get, responses]. */
  static List<String> messagePath(String message) {
    String text = message.startsWith("attribute ") ? message.substring("attribute ".length()) : message;
    int lastQuote = text.lastIndexOf('\'');
    int is = text.indexOf(" is ", Math.max(0, lastQuote));
    int end;
    if (is >= 0) {
      end = is;
    } else {
      int space = text.indexOf(' ', Math.max(0, lastQuote));
      end = space < 0 ? text.length() : space;
    }
    String head = text.substring(0, end);
    List<String> keys = new ArrayList<>();
    Matcher m = MESSAGE_PATH.matcher(head);
    while (m.find()) {
      String key = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      keys.add(key);
    }
    return keys;
  }

  public String location() {
    return location;
  }

  public OpenAPI openApi() {
    return openApi;
  }

  public SpecPositions positions() {
    return positions;
  }

  /** {@code location:line} of the deepest existing key along {@code path}. */
  public String where(String... path) {
    return location + ":" + positions.nearest(List.of(path));
  }

  /** Every operation, in document order, with its effective access and admin markers. */
  public List<SpecOperation> operations() {
    List<SpecOperation> operations = new ArrayList<>();
    if (openApi.getPaths() == null) {
      return operations;
    }
    for (Map.Entry<String, PathItem> entry : openApi.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> op : entry.getValue().readOperationsMap().entrySet()) {
        String method = op.getKey().name().toLowerCase(Locale.ROOT);
        Operation operation = op.getValue();
        boolean adminMarked = adminMarked(operation);
        boolean adminHinted =
            adminMarked
                || (operation.getResponses() != null && operation.getResponses().containsKey("403"));
        Access access =
            secured(operation) ? (adminMarked ? Access.ADMIN : Access.AUTHENTICATED) : Access.PUBLIC;
        Route route =
            new Route(method, entry.getKey(), access, where("paths", entry.getKey(), method));
        operations.add(new SpecOperation(route, entry.getKey(), operation, adminMarked, adminHinted));
      }
    }
    return operations;
  }

  /**
   * The effective security of an operation: its own {@code security} or else the document's; an
   * empty list, or an alternative {@code {}}, makes it public.
   */
  public boolean secured(Operation operation) {
    List<SecurityRequirement> security =
        operation.getSecurity() != null ? operation.getSecurity() : openApi.getSecurity();
    if (security == null || security.isEmpty()) {
      return false;
    }
    return security.stream().noneMatch(requirement -> requirement == null || requirement.isEmpty());
  }

  static boolean adminMarked(Operation operation) {
    if (operation.getTags() != null
        && operation.getTags().stream().anyMatch(t -> t != null && t.equalsIgnoreCase("admin"))) {
      return true;
    }
    Map<String, Object> extensions = operation.getExtensions();
    if (extensions == null) {
      return false;
    }
    for (String key : List.of("x-roles", "x-role")) {
      if (mentionsAdmin(extensions.get(key))) {
        return true;
      }
    }
    Object flag = extensions.get("x-admin");
    return Boolean.TRUE.equals(flag) || "true".equals(String.valueOf(flag));
  }

  private static boolean mentionsAdmin(Object value) {
    if (value instanceof Collection<?> values) {
      return values.stream().anyMatch(SpecDocument::mentionsAdmin);
    }
    return value != null && value.toString().trim().equalsIgnoreCase("admin");
  }
}
