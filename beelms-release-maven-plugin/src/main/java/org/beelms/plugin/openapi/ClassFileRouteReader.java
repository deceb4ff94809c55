package org.beelms.plugin.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads JAX-RS ({@code jakarta.ws.rs} and {@code javax.ws.rs}) and Spring MVC routes from compiled
 * classes with ASM. The project's classes are never loaded: annotations are matched by their
 * descriptors, so neither framework has to be on the plugin's class path.
 *
 * <p>JAX-RS: {@code @Path} on the class and the method, {@code @GET}/{@code @POST}/... or any
 * annotation meta-annotated {@code @HttpMethod}, {@code @ApplicationPath} as the API prefix.
 * Spring: {@code @RequestMapping} on the class, {@code @GetMapping}/.../{@code
 * @RequestMapping(method=...)} on the method (a {@code @RequestMapping} without a method is read
 * as {@code GET}). Guards come from {@link GuardNames}; class-level guards apply to every method.
 * Each route's source is the class's {@code SourceFile} and the first line of the method.
 */
public final class ClassFileRouteReader implements RouteReader {

  /** Which annotation families to read. */
  public enum Framework {
    JAX_RS,
    SPRING
  }

  private static final Set<String> WS_RS = Set.of("jakarta/ws/rs/", "javax/ws/rs/");
  private static final Set<String> HTTP_METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
  private static final String SPRING_BIND = "org/springframework/web/bind/annotation/";
  private static final Map<String, String> SPRING_SHORTCUTS =
      Map.of(
          "GetMapping", "GET",
          "PostMapping", "POST",
          "PutMapping", "PUT",
          "PatchMapping", "PATCH",
          "DeleteMapping", "DELETE");

  private final Path classesDirectory;
  private final Set<Framework> frameworks;
  private final GuardNames guards;
  private final String apiPrefix;
  private final SourceLocator locator;
  private final Map<String, Optional<AnnotationMeta>> metaCache = new HashMap<>();

  /**
   * @param classesDirectory the compiled classes ({@code target/classes})
   * @param frameworks the annotation families to read
   * @param guards the markers of secured routes
   * @param apiPrefix stripped from paths that start with it ({@code /api})
   * @param locator turns a class's source file name into the file shown in findings
   */
  public ClassFileRouteReader(
      Path classesDirectory,
      Set<Framework> frameworks,
      GuardNames guards,
      String apiPrefix,
      SourceLocator locator) {
    this.classesDirectory = classesDirectory;
    this.frameworks = frameworks.isEmpty() ? EnumSet.noneOf(Framework.class) : EnumSet.copyOf(frameworks);
    this.guards = guards;
    this.apiPrefix = apiPrefix;
    this.locator = locator;
  }

  @Override
  public CodeRoutes read() throws IOException {
    if (!Files.isDirectory(classesDirectory)) {
      throw new IOException(
          "the classes directory " + classesDirectory + " does not exist; compile the project first");
    }
    List<ClassInfo> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classesDirectory)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        classes.add(parse(file));
      }
    }
    List<Route> routes = new ArrayList<>();
    Optional<String> applicationPath = Optional.empty();
    for (ClassInfo info : classes) {
      if (frameworks.contains(Framework.JAX_RS)) {
        for (String ws : WS_RS) {
          AnnotationInfo app = info.annotations.get(ws + "ApplicationPath");
          if (app != null && applicationPath.isEmpty()) {
            applicationPath = Optional.of(Route.normalize(app.firstString("value").orElse("")));
          }
        }
        routes.addAll(jaxRsRoutes(info, applicationPath));
      }
      if (frameworks.contains(Framework.SPRING)) {
        routes.addAll(springRoutes(info));
      }
    }
    Optional<String> prefix = applicationPath.filter(p -> !p.equals("/"));
    List<Route> relative = new ArrayList<>();
    boolean prefixInPaths = false;
    for (Route route : routes) {
      String path = route.path();
      if (prefix.isPresent()) {
        path = Route.stripPrefix(path, prefix.get());
      }
      String stripped = Route.stripPrefix(path, apiPrefix);
      prefixInPaths |= !stripped.equals(path);
      relative.add(route.withPath(stripped));
    }
    if (prefix.isEmpty() && prefixInPaths) {
      prefix = Optional.of(Route.normalize(apiPrefix));
    }
    return new CodeRoutes(relative, prefix, locator.display(classesDirectory));
  }

  private List<Route> jaxRsRoutes(ClassInfo info, Optional<String> applicationPath) {
    Optional<String> classPath = wsRs(info.annotations, "Path").flatMap(a -> a.firstString("value"));
    if (classPath.isEmpty()) {
      return List.of();
    }
    Map<String, Guard> classAccess = access(info.annotations);
    List<Route> routes = new ArrayList<>();
    for (MethodInfo method : info.methods) {
      Optional<String> httpMethod = jaxRsMethod(method.annotations);
      if (httpMethod.isEmpty()) {
        continue;
      }
      String methodPath =
          wsRs(method.annotations, "Path").flatMap(a -> a.firstString("value")).orElse("");
      Guard access = resolve(classAccess, access(method.annotations));
      routes.add(
          new Route(
              httpMethod.get(), Route.join(classPath.get(), methodPath), access, where(info, method)));
    }
    return routes;
  }

  private Optional<String> jaxRsMethod(Map<String, AnnotationInfo> annotations) {
    for (String name : annotations.keySet()) {
      for (String ws : WS_RS) {
        if (name.startsWith(ws) && HTTP_METHODS.contains(name.substring(ws.length()))) {
          return Optional.of(name.substring(ws.length()));
        }
      }
      Optional<AnnotationMeta> meta = meta(name);
      if (meta.isPresent() && meta.get().httpMethod().isPresent()) {
        return meta.get().httpMethod();
      }
    }
    return Optional.empty();
  }

  private static Optional<AnnotationInfo> wsRs(Map<String, AnnotationInfo> annotations, String simple) {
    for (String ws : WS_RS) {
      AnnotationInfo a = annotations.get(ws + simple);
      if (a != null) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private List<Route> springRoutes(ClassInfo info) {
    boolean controller =
        info.annotations.containsKey(SPRING_BIND + "RestController")
            || info.annotations.containsKey("org/springframework/stereotype/Controller")
            || info.annotations.containsKey(SPRING_BIND + "RequestMapping");
    if (!controller) {
      return List.of();
    }
    List<String> classPaths = List.of("");
    AnnotationInfo classMapping = info.annotations.get(SPRING_BIND + "RequestMapping");
    if (classMapping != null) {
      List<String> paths = classMapping.strings("path");
      paths = paths.isEmpty() ? classMapping.strings("value") : paths;
      classPaths = paths.isEmpty() ? List.of("") : paths;
    }
    Map<String, Guard> classAccess = access(info.annotations);
    List<Route> routes = new ArrayList<>();
    for (MethodInfo method : info.methods) {
      for (Map.Entry<String, AnnotationInfo> entry : method.annotations.entrySet()) {
        if (!entry.getKey().startsWith(SPRING_BIND)) {
          continue;
        }
        String simple = entry.getKey().substring(SPRING_BIND.length());
        List<String> httpMethods;
        if (SPRING_SHORTCUTS.containsKey(simple)) {
          httpMethods = List.of(SPRING_SHORTCUTS.get(simple));
        } else if (simple.equals("RequestMapping")) {
          httpMethods = entry.getValue().strings("method");
          httpMethods = httpMethods.isEmpty() ? List.of("GET") : httpMethods;
        } else {
          continue;
        }
        List<String> paths = entry.getValue().strings("path");
        paths = paths.isEmpty() ? entry.getValue().strings("value") : paths;
        paths = paths.isEmpty() ? List.of("") : paths;
        Guard access = resolve(classAccess, access(method.annotations));
        for (String classPath : classPaths) {
          for (String path : paths) {
            for (String httpMethod : httpMethods) {
              routes.add(
                  new Route(httpMethod, Route.join(classPath, path), access, where(info, method)));
            }
          }
        }
      }
    }
    return routes;
  }

  /** The guard each security annotation stands for, by annotation name. */
  private Map<String, Guard> access(Map<String, AnnotationInfo> annotations) {
    Map<String, Guard> found = new LinkedHashMap<>();
    for (AnnotationInfo annotation : annotations.values()) {
      String dotted = annotation.internalName.replace('/', '.');
      guards
          .guard(dotted, String.join(" ", annotation.allStrings()), false)
          .ifPresent(g -> found.put(dotted, g));
    }
    return found;
  }

  /**
   * A method's access: as in JSR-250 and Spring Security, an annotation on the method replaces
   * the same annotation on the class ({@code @RolesAllowed("admin")} on a method of a
   * {@code @RolesAllowed({"teacher","admin"})} class is admin-only); different ones add up.
   */
  private static Guard resolve(Map<String, Guard> classLevel, Map<String, Guard> methodLevel) {
    List<Guard> inherited =
        classLevel.entrySet().stream()
            .filter(e -> !methodLevel.containsKey(e.getKey()))
            .map(Map.Entry::getValue)
            .toList();
    return GuardNames.resolveGuards(inherited, List.copyOf(methodLevel.values()));
  }

  private String where(ClassInfo info, MethodInfo method) {
    String simpleClass = info.name.substring(info.name.lastIndexOf('/') + 1);
    if (info.sourceFile == null || method.firstLine < 0) {
      return simpleClass + "#" + method.name;
    }
    int slash = info.name.lastIndexOf('/');
    String packagePath = slash < 0 ? "" : info.name.substring(0, slash + 1);
    return locator.locate(packagePath + info.sourceFile) + ":" + method.firstLine;
  }

  private Optional<AnnotationMeta> meta(String internalName) {
    return metaCache.computeIfAbsent(internalName, this::readMeta);
  }

  /** Reads an annotation type from the classes directory: is it {@code @HttpMethod("X")}? */
  private Optional<AnnotationMeta> readMeta(String internalName) {
    Path file = classesDirectory.resolve(internalName + ".class");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      ClassInfo info = parse(file);
      Optional<String> httpMethod =
          wsRs(info.annotations, "HttpMethod").flatMap(a -> a.firstString("value"));
      return Optional.of(new AnnotationMeta(httpMethod));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private record AnnotationMeta(Optional<String> httpMethod) {}

  private static ClassInfo parse(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      ClassReader reader = new ClassReader(in);
      ClassInfo info = new ClassInfo();
      reader.accept(new InfoVisitor(info), ClassReader.SKIP_FRAMES);
      return info;
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new IOException("cannot read the class file " + file + ": " + e.getMessage(), e);
    }
  }

  private static final class ClassInfo {
    String name = "";
    String sourceFile;
    final Map<String, AnnotationInfo> annotations = new LinkedHashMap<>();
    final List<MethodInfo> methods = new ArrayList<>();
  }

  private static final class MethodInfo {
    String name;
    int firstLine = -1;
    final Map<String, AnnotationInfo> annotations = new LinkedHashMap<>();
  }

  /** An annotation's values: strings, string arrays and enum constants, by attribute name. */
  private static final class AnnotationInfo {
    final String internalName;
    final Map<String, List<String>> values = new LinkedHashMap<>();

    AnnotationInfo(String descriptor) {
      this.internalName = Type.getType(descriptor).getInternalName();
    }

    List<String> strings(String attribute) {
      return values.getOrDefault(attribute, List.of());
    }

    Optional<String> firstString(String attribute) {
      List<String> list = strings(attribute);
      return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    List<String> allStrings() {
      return values.values().stream().flatMap(List::stream).toList();
    }
  }

  private static final class InfoVisitor extends ClassVisitor {
    private final ClassInfo info;

    InfoVisitor(ClassInfo info) {
      super(Opcodes.ASM9);
      this.info = info;
    }

    @Override
    public void visit(
        int version, int access, String name, String signature, String superName, String[] interfaces) {
      info.name = name;
    }

    @Override
    public void visitSource(String source, String debug) {
      info.sourceFile = source;
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      AnnotationInfo annotation = new AnnotationInfo(descriptor);
      info.annotations.put(annotation.internalName, annotation);
      return new ValuesVisitor(annotation, null);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      if ((access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) != 0) {
        return null;
      }
      MethodInfo method = new MethodInfo();
      method.name = name;
      info.methods.add(method);
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
          AnnotationInfo annotation = new AnnotationInfo(desc);
          method.annotations.put(annotation.internalName, annotation);
          return new ValuesVisitor(annotation, null);
        }

        @Override
        public void visitLineNumber(int line, Label start) {
          if (method.firstLine < 0 || line < method.firstLine) {
            method.firstLine = line;
          }
        }
      };
    }
  }

  /** Collects string and enum values; arrays are flattened under their attribute name. */
  private static final class ValuesVisitor extends AnnotationVisitor {
    private final AnnotationInfo annotation;
    private final String arrayName;

    ValuesVisitor(AnnotationInfo annotation, String arrayName) {
      super(Opcodes.ASM9);
      this.annotation = annotation;
      this.arrayName = arrayName;
    }

    private void add(String name, String value) {
      String key = arrayName != null ? arrayName : name;
      annotation.values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    @Override
    public void visit(String name, Object value) {
      if (value instanceof String s) {
        add(name, s);
      }
    }

    @Override
    public void visitEnum(String name, String descriptor, String value) {
      add(name, value);
    }

    @Override
    public AnnotationVisitor visitArray(String name) {
      annotation.values.computeIfAbsent(name, k -> new ArrayList<>());
      return new ValuesVisitor(annotation, name);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String name, String descriptor) {
      return null;
    }
  }
}
