package org.beelms.plugin.openapi;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.openapi.ClassFileRouteReader.Framework;

/**
 * Times the openapi check on generated projects: a spec of N operations (about 40 lines each,
 * so 100 operations ≈ 4,000 lines) against N/2.5 controllers, as compiled JAX-RS classes and as
 * NestJS sources. Run by {@code bench/openapi-check.sh} (repository root); never part of the unit tests.
 *
 * <p>Arguments: operation counts (default {@code 25 50 100 200 400}). For each size it prints the
 * spec's line count, the first run in this JVM (class loading included, what one Maven build pays
 * at most once) and the median of 10 warm runs. {@code --source jaxrs|nestjs} picks one reader,
 * {@code --no-header} leaves the table header out (the script runs each row in a fresh JVM).
 */
public final class OpenApiCheckBenchmark {

  private static final String[] METHODS = {"get", "post", "patch", "delete"};

  private OpenApiCheckBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> sources = List.of("jaxrs", "nestjs");
    List<Integer> sizes = new ArrayList<>();
    boolean header = true;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--source")) {
        sources = List.of(args[++i]);
      } else if (args[i].equals("--no-header")) {
        header = false;
      } else {
        sizes.add(Integer.parseInt(args[i]));
      }
    }
    if (sizes.isEmpty()) {
      sizes = List.of(25, 50, 100, 200, 400);
    }
    if (header) {
      System.out.printf(
          Locale.ROOT, "%-7s %-11s %-6s %-8s %-12s %-12s %-10s%n",
          "source", "operations", "ctrls", "lines", "first (ms)", "median (ms)", "findings");
    }
    for (String source : sources) {
      for (int size : sizes) {
        run(source, size);
      }
    }
  }

  private static void run(String source, int operations) throws Exception {
    Path project = Files.createTempDirectory("openapi-bench");
    int controllers = Math.max(1, (int) Math.round(operations / 2.5));
    String spec = spec(operations, controllers);
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, spec);
    RouteSource routeSource;
    if (source.equals("jaxrs")) {
      compileJaxRs(project, operations, controllers);
      routeSource = new RouteSource.ClassFiles(EnumSet.of(Framework.JAX_RS));
    } else {
      writeNest(project, operations, controllers);
      routeSource = new RouteSource.NestJs();
    }
    OpenApiCheckSettings settings =
        OpenApiCheckSettings.builder(project)
            .scope(ApiScope.all())
            .routeSource(routeSource)
            .compareWithPrevious(false)
            .build();
    long[] times = new long[11];
    int findings = 0;
    for (int i = 0; i < times.length; i++) {
      long start = System.nanoTime();
      OpenApiCheckResult result = new OpenApiCheck(settings).run(ReleaseListener.NONE);
      times[i] = (System.nanoTime() - start) / 1_000_000;
      findings = result.findings().size();
      if (System.getenv("BENCH_DEBUG") != null && i == 0) {
        result.findings().stream().limit(5).forEach(f -> System.out.println("  " + f));
      }
      if (result.implemented().size() != operations) {
        throw new IllegalStateException(
            "read " + result.implemented().size() + " routes, generated " + operations);
      }
    }
    long[] warm = Arrays.copyOfRange(times, 1, times.length);
    Arrays.sort(warm);
    System.out.printf(
        Locale.ROOT, "%-7s %-11d %-6d %-8d %-12d %-12d %-10d%n",
        source, operations, controllers, spec.lines().count(), times[0], warm[warm.length / 2], findings);
  }

  private record Op(int controller, String method, String path, String paramName) {}

  private static List<Op> ops(int operations, int controllers) {
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < operations; i++) {
      int c = i % controllers;
      int slot = i / controllers;
      String method = METHODS[slot % METHODS.length];
      String path = "/area" + c + (slot < METHODS.length ? "/items/{itemId}" : "/items" + slot + "/{itemId}");
      if (method.equals("post") && slot < METHODS.length) {
        path = "/area" + c + "/items";
      }
      ops.add(new Op(c, method, path, path.contains("{") ? "itemId" : ""));
    }
    return ops;
  }

  static String spec(int operations, int controllers) {
    StringBuilder y = new StringBuilder();
    y.append("openapi: 3.0.3\ninfo:\n  title: generated\n  version: 1.0.0\n")
        .append("servers:\n  - url: http://localhost:3000/api\nsecurity:\n  - bearerAuth: []\npaths:\n");
    List<Op> ops = ops(operations, controllers);
    java.util.Map<String, List<Integer>> byPath = new java.util.LinkedHashMap<>();
    for (int i = 0; i < ops.size(); i++) {
      byPath.computeIfAbsent(ops.get(i).path(), k -> new ArrayList<>()).add(i);
    }
    for (java.util.Map.Entry<String, List<Integer>> path : byPath.entrySet()) {
      y.append("  ").append(path.getKey()).append(":\n");
      for (int index : path.getValue()) {
        operation(y, ops.get(index), index);
      }
    }
    y.append("components:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n")
        .append("  schemas:\n");
    for (int i = 0; i < operations; i++) {
      y.append("    Item").append(i).append(":\n      type: object\n      required: [id]\n      properties:\n");
      for (String field : List.of("id", "title", "description", "status", "language", "createdAt", "updatedAt")) {
        y.append("        ").append(field).append(":\n          type: string\n");
      }
    }
    return y.toString();
  }

  private static void operation(StringBuilder y, Op op, int index) {
    y.append("    ").append(op.method()).append(":\n")
        .append("      operationId: op").append(index).append('\n')
        .append("      summary: Generated operation ").append(index).append('\n')
        .append("      tags: [area").append(op.controller()).append("]\n")
        .append("      parameters:\n");
    if (!op.paramName().isEmpty()) {
      y.append("        - name: itemId\n          in: path\n          required: true\n          schema: {type: string}\n");
    }
    y.append("        - name: page\n          in: query\n          schema: {type: integer}\n")
        .append("      responses:\n")
        .append("        '200':\n          description: ok\n          content:\n            application/json:\n")
        .append("              schema:\n                $ref: '#/components/schemas/Item").append(index).append("'\n")
        .append("        '401':\n          description: no token\n")
        .append("        '404':\n          description: unknown\n");
  }

  private static void writeNest(Path project, int operations, int controllers) {
    List<Op> ops = ops(operations, controllers);
    OpenApiFixtures.write(project, "src/main.ts", "app.setGlobalPrefix('api');\n");
    for (int c = 0; c < controllers; c++) {
      StringBuilder ts = new StringBuilder();
      ts.append("import { Controller, Delete, Get, Patch, Post, UseGuards } from '@nestjs/common';\n\n")
          .append("@Controller('area").append(c).append("')\n@UseGuards(JwtAuthGuard)\n")
          .append("export class Area").append(c).append("Controller {\n");
      for (int i = 0; i < ops.size(); i++) {
        Op op = ops.get(i);
        if (op.controller() != c) {
          continue;
        }
        String decorator = op.method().substring(0, 1).toUpperCase(Locale.ROOT) + op.method().substring(1);
        String path = op.path().substring(("/area" + c + "/").length()).replace("{itemId}", ":itemId");
        ts.append("  @").append(decorator).append("('").append(path).append("')\n")
            .append("  op").append(i).append("(@Param('itemId') itemId: string) {\n    return {};\n  }\n\n");
      }
      ts.append("}\n");
      OpenApiFixtures.write(project, "src/area" + c + "/area" + c + ".controller.ts", ts.toString());
    }
  }

  private static void compileJaxRs(Path project, int operations, int controllers) throws IOException {
    List<Op> ops = ops(operations, controllers);
    Path sources = project.resolve("src/main/java");
    List<String> files = new ArrayList<>();
    for (int c = 0; c < controllers; c++) {
      StringBuilder java = new StringBuilder();
      java.append("package bench;\n\nimport jakarta.ws.rs.*;\n\n")
          .append("@Path(\"area").append(c).append("\")\n@Authenticated\npublic class Area").append(c)
          .append("Resource {\n");
      for (int i = 0; i < ops.size(); i++) {
        Op op = ops.get(i);
        if (op.controller() != c) {
          continue;
        }
        String path = op.path().substring(("/area" + c + "/").length());
        java.append("  @").append(op.method().toUpperCase(Locale.ROOT)).append('\n')
            .append("  @Path(\"").append(path).append("\")\n")
            .append("  public String op").append(i).append("() {\n    return \"").append(i).append("\";\n  }\n\n");
      }
      java.append("}\n");
      files.add(OpenApiFixtures.write(project, "src/main/java/bench/Area" + c + "Resource.java", java.toString()).toString());
    }
    files.add(
        OpenApiFixtures.write(
                project,
                "src/main/java/bench/Authenticated.java",
                "package bench;\n@jakarta.ws.rs.NameBinding\n"
                    + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)\n"
                    + "public @interface Authenticated {}\n")
            .toString());
    files.add(
        OpenApiFixtures.write(
                project,
                "src/main/java/bench/BenchApplication.java",
                "package bench;\n@jakarta.ws.rs.ApplicationPath(\"api\")\n"
                    + "public class BenchApplication extends jakarta.ws.rs.core.Application {}\n")
            .toString());
    Path classes = project.resolve("target/classes");
    Files.createDirectories(classes);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"));
    options.addAll(files);
    StringWriter errors = new StringWriter();
    int status = compiler.run(null, null, new java.io.PrintStream(new java.io.ByteArrayOutputStream()) {
      @Override
      public void write(byte[] b, int off, int len) {
        errors.write(new String(b, off, len, StandardCharsets.UTF_8));
      }
    }, options.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("cannot compile the generated resources in " + sources + ":\n" + errors);
    }
  }
}
