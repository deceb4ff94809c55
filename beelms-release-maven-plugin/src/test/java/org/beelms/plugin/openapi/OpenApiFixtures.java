package org.beelms.plugin.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fixtures of the openapi tests, copied into a test's temporary folder so each test can inject
 * its defect: the spec, the compiled JAX-RS and Spring fixture classes, the NestJS sources.
 */
final class OpenApiFixtures {

  static final Path TEST_CLASSES = Path.of("target/test-classes").toAbsolutePath();
  static final Path TEST_SOURCES = Path.of("src/test/java").toAbsolutePath();
  static final Path RESOURCES = Path.of("src/test/resources/openapi").toAbsolutePath();
  static final String FIXTURE_PACKAGE = "org/beelms/plugin/openapi/fixture/";
  static final String SPEC = "docs/architecture/openapi.yaml";

  private OpenApiFixtures() {}

  static String resource(String name) {
    try {
      return Files.readString(RESOURCES.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code content} to {@code relative} under {@code project} and returns the file. */
  static Path write(Path project, String relative, String content) {
    try {
      Path file = project.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture spec, with {@code from → to} replacements applied in order. */
  static String spec(String... replacements) {
    return replace(resource("fixture-openapi.yaml"), replacements);
  }

  static String replace(String text, String... replacements) {
    String result = text;
    for (int i = 0; i + 1 < replacements.length; i += 2) {
      if (!result.contains(replacements[i])) {
        throw new IllegalArgumentException("the fixture has no '" + replacements[i] + "'");
      }
      result = result.replace(replacements[i], replacements[i + 1]);
    }
    return result;
  }

  /**
   * Copies the compiled classes of fixture packages into {@code project/target/classes}, keeping
   * package folders; {@code leaveOut} names class files (e.g. {@code jaxrs/UsersMeResource.class})
   * not to copy.
   */
  static Path classes(Path project, List<String> packages, List<String> leaveOut) {
    Path target = project.resolve("target/classes");
    try {
      for (String pkg : packages) {
        Path from = TEST_CLASSES.resolve(FIXTURE_PACKAGE + pkg);
        try (Stream<Path> files = Files.list(from)) {
          for (Path file : files.toList()) {
            if (leaveOut.contains(pkg + "/" + file.getFileName())) {
              continue;
            }
            Path to = target.resolve(TEST_CLASSES.relativize(file));
            Files.createDirectories(to.getParent());
            Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the NestJS fixture sources into {@code project/src}. */
  static Path nestSources(Path project) {
    Path from = RESOURCES.resolve("nestjs/src");
    Path target = project.resolve("src");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path to = target.resolve(from.relativize(file));
        Files.createDirectories(to.getParent());
        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Edits one file of a copied fixture in place. */
  static void edit(Path file, String... replacements) {
    try {
      Files.writeString(
          file, replace(Files.readString(file, StandardCharsets.UTF_8), replacements), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 1-based line of the first line of {@code file} containing {@code text}. */
  static int lineOf(Path file, String text) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(text)) {
          return i + 1;
        }
      }
      throw new IllegalArgumentException(file + " has no line containing '" + text + "'");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path fixtureSource(String relative) {
    return TEST_SOURCES.resolve(FIXTURE_PACKAGE + relative);
  }

  /** Settings for a project in {@code project}: its spec at the default place, no history. */
  static OpenApiCheckSettings.Builder settings(Path project) {
    return OpenApiCheckSettings.builder(project)
        .javaSourceRoots(List.of(TEST_SOURCES))
        .compareWithPrevious(false);
  }
}
