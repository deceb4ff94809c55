package org.beelms.plugin.openapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads NestJS routes from {@code *.controller.ts} sources (below {@code node_modules} is
 * skipped): {@code @Controller('prefix')} (or {@code @Controller({path: 'prefix'})}), {@code
 * @Get()/@Post(':id/enroll')/@Put/@Patch/@Delete/@Options/@Head/@All} on methods, {@code
 * @UseGuards(JwtAuthGuard, AdminGuard)} and role decorators on the class or the method, and
 * {@code app.setGlobalPrefix('api')} in {@code main.ts} as the API prefix. {@code :param} becomes
 * {@code {param}}. The sources are scanned as text (comments blanked, line numbers kept), not
 * compiled.
 */
public final class NestJsRouteReader implements RouteReader {

  private static final Pattern DECORATOR = Pattern.compile("@([A-Za-z_$][\\w$]*)\\s*(\\()?");
  private static final Pattern CLASS_DECLARATION =
      Pattern.compile("^(?:export\\s+)?(?:default\\s+)?(?:abstract\\s+)?class\\s+([\\w$]+)");
  private static final Pattern GLOBAL_PREFIX =
      Pattern.compile("setGlobalPrefix\\s*\\(\\s*(['\"`])([^'\"`]*)\\1");
  private static final Pattern STRING = Pattern.compile("(['\"`])((?:\\\\.|(?!\\1).)*)\\1");
  private static final Pattern PATH_OPTION = Pattern.compile("path\\s*:\\s*(\\[[^\\]]*]|(['\"`])[^'\"`]*\\2)");
  private static final Map<String, String> HTTP_DECORATORS =
      Map.of(
          "Get", "GET",
          "Post", "POST",
          "Put", "PUT",
          "Patch", "PATCH",
          "Delete", "DELETE",
          "Options", "OPTIONS",
          "Head", "HEAD",
          "All", "ALL");

  private final Path sourceDirectory;
  private final GuardNames guards;
  private final String apiPrefix;
  private final SourceLocator locator;

  /**
   * @param sourceDirectory the folder holding the NestJS sources ({@code src})
   * @param guards the guard and decorator names of secured routes
   * @param apiPrefix stripped from controller paths that start with it
   * @param locator shows files relative to the project
   */
  public NestJsRouteReader(
      Path sourceDirectory, GuardNames guards, String apiPrefix, SourceLocator locator) {
    this.sourceDirectory = sourceDirectory;
    this.guards = guards;
    this.apiPrefix = apiPrefix;
    this.locator = locator;
  }

  /** True when {@code directory} holds at least one {@code *.controller.ts}. */
  public static boolean hasControllers(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> files = sources(directory)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".controller.ts"));
    }
  }

  private static Stream<Path> sources(Path directory) throws IOException {
    return Files.walk(directory)
        .filter(p -> !p.toString().contains("node_modules"))
        .filter(Files::isRegularFile);
  }

  @Override
  public CodeRoutes read() throws IOException {
    if (!Files.isDirectory(sourceDirectory)) {
      throw new IOException("the NestJS source directory " + sourceDirectory + " does not exist");
    }
    List<Path> controllers;
    List<Path> mains;
    try (Stream<Path> files = sources(sourceDirectory)) {
      List<Path> all = files.sorted().toList();
      controllers =
          all.stream().filter(p -> p.getFileName().toString().endsWith(".controller.ts")).toList();
      mains = all.stream().filter(p -> p.getFileName().toString().equals("main.ts")).toList();
    }
    Optional<String> prefix = Optional.empty();
    for (Path main : mains) {
      Matcher m = GLOBAL_PREFIX.matcher(blankComments(read(main)));
      if (m.find()) {
        prefix = Optional.of(Route.normalize(m.group(2)));
        break;
      }
    }
    List<Route> routes = new ArrayList<>();
    boolean prefixInPaths = false;
    for (Path controller : controllers) {
      for (Route route : readController(controller)) {
        String stripped = Route.stripPrefix(route.path(), apiPrefix);
        prefixInPaths |= !stripped.equals(route.path());
        routes.add(route.withPath(stripped));
      }
    }
    if (prefix.isEmpty() && prefixInPaths) {
      prefix = Optional.of(Route.normalize(apiPrefix));
    }
    return new CodeRoutes(routes, prefix, locator.display(sourceDirectory) + "/**/*.controller.ts");
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private record Decorator(String name, String arguments, int start, int end) {}

  List<Route> readController(Path file) throws IOException {
    String text = blankComments(read(file));
    List<Decorator> decorators = decorators(text);
    List<Route> routes = new ArrayList<>();
    List<String> classPaths = List.of("");
    List<Guard> classAccess = List.of();
    boolean inController = false;
    int i = 0;
    while (i < decorators.size()) {
      List<Decorator> group = new ArrayList<>();
      group.add(decorators.get(i));
      int j = i + 1;
      while (j < decorators.size()
          && text.substring(decorators.get(j - 1).end(), decorators.get(j).start()).isBlank()) {
        group.add(decorators.get(j));
        j++;
      }
      i = j;
      String after = text.substring(group.get(group.size() - 1).end()).stripLeading();
      if (CLASS_DECLARATION.matcher(after).lookingAt()) {
        Optional<Decorator> controller =
            group.stream().filter(d -> d.name().equals("Controller")).findFirst();
        inController = controller.isPresent();
        classPaths = controller.map(d -> controllerPaths(d.arguments())).orElse(List.of(""));
        classAccess = access(group);
        continue;
      }
      if (!inController) {
        continue;
      }
      for (Decorator d : group) {
        String httpMethod = HTTP_DECORATORS.get(d.name());
        if (httpMethod == null) {
          continue;
        }
        List<String> paths = strings(d.arguments());
        paths = paths.isEmpty() ? List.of("") : paths;
        Guard access = GuardNames.resolveGuards(classAccess, access(group));
        String where = locator.display(file) + ":" + lineOf(text, d.start());
        for (String classPath : classPaths) {
          for (String path : paths) {
            routes.add(new Route(httpMethod, Route.join(classPath, path), access, where));
          }
        }
      }
    }
    return routes;
  }

  private List<Guard> access(List<Decorator> group) {
    List<Guard> found = new ArrayList<>();
    for (Decorator d : group) {
      if (d.name().equals("UseGuards")) {
        for (String guard : splitTopLevel(d.arguments())) {
          Matcher name = Pattern.compile("^(?:new\\s+)?([\\w$]+)").matcher(guard.trim());
          if (name.find()) {
            String rest = guard.trim().substring(name.end());
            guards.guard(name.group(1), rest, true).ifPresent(found::add);
          }
        }
      } else if (!HTTP_DECORATORS.containsKey(d.name()) && !d.name().equals("Controller")) {
        guards.guard(d.name(), d.arguments(), false).ifPresent(found::add);
      }
    }
    return found;
  }

  private static List<String> controllerPaths(String arguments) {
    String args = arguments.trim();
    if (args.startsWith("{")) {
      Matcher m = PATH_OPTION.matcher(args);
      if (!m.find()) {
        return List.of("");
      }
      List<String> paths = strings(m.group(1));
      return paths.isEmpty() ? List.of("") : paths;
    }
    List<String> paths = strings(args);
    return paths.isEmpty() ? List.of("") : paths;
  }

  /** The string literals in a decorator's arguments, in order. */
  private static List<String> strings(String arguments) {
    List<String> values = new ArrayList<>();
    Matcher m = STRING.matcher(arguments);
    while (m.find()) {
      values.add(m.group(2));
    }
    return values;
  }

  private static List<String> splitTopLevel(String arguments) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int k = 0; k < arguments.length(); k++) {
      char c = arguments.charAt(k);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(arguments.substring(start, k));
        start = k + 1;
      }
    }
    parts.add(arguments.substring(start));
    return parts.stream().filter(p -> !p.isBlank()).toList();
  }

  private static List<Decorator> decorators(String text) {
    List<Decorator> found = new ArrayList<>();
    Matcher m = DECORATOR.matcher(text);
    int from = 0;
    while (from < text.length() && m.find(from)) {
      int end = m.end();
      String arguments = "";
      if (m.group(2) != null) {
        int close = closingParen(text, m.end() - 1);
        arguments = text.substring(m.end(), Math.max(m.end(), close));
        end = Math.min(text.length(), close + 1);
      }
      found.add(new Decorator(m.group(1), arguments, m.start(), end));
      from = m.group(2) != null ? m.end() : end;
    }
    return found;
  }

  private static int closingParen(String text, int open) {
    int depth = 0;
    char quote = 0;
    for (int k = open; k < text.length(); k++) {
      char c = text.charAt(k);
      if (quote != 0) {
        if (c == '\\') {
          k++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          return k;
        }
      }
    }
    return text.length();
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int k = 0; k < offset; k++) {
      if (text.charAt(k) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Replaces comments with spaces (newlines kept), leaving string literals alone. */
  static String blankComments(String source) {
    StringBuilder out = new StringBuilder(source);
    char quote = 0;
    for (int k = 0; k < out.length(); k++) {
      char c = out.charAt(k);
      char next = k + 1 < out.length() ? out.charAt(k + 1) : 0;
      if (quote != 0) {
        if (c == '\\') {
          k++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '/' && next == '/') {
        while (k < out.length() && out.charAt(k) != '\n') {
          out.setCharAt(k++, ' ');
        }
      } else if (c == '/' && next == '*') {
        while (k < out.length() && !(out.charAt(k) == '*' && k + 1 < out.length() && out.charAt(k + 1) == '/')) {
          if (out.charAt(k) != '\n') {
            out.setCharAt(k, ' ');
          }
          k++;
        }
        if (k + 1 < out.length()) {
          out.setCharAt(k, ' ');
          out.setCharAt(k + 1, ' ');
          k++;
        }
      }
    }
    return out.toString();
  }
}
