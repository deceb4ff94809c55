package org.beelms.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A separate Maven build of a sample project, run with the same Maven and local repository as
 * this build (failsafe passes both), the way a user runs it from a shell.
 */
final class MavenBuild {

  /** A whole Maven build of a small project; generous because CI machines are slow. */
  private static final long TIMEOUT_MINUTES = 8;

  private final Path project;
  private final List<String> arguments = new ArrayList<>();
  private final Map<String, String> environment = new HashMap<>();

  private MavenBuild(Path project) {
    this.project = project;
  }

  static MavenBuild in(Path project) {
    return new MavenBuild(project);
  }

  MavenBuild args(String... args) {
    arguments.addAll(List.of(args));
    return this;
  }

  MavenBuild env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /**
   * A {@code <pluginManagement>} block declaring the plugin under test with {@code environments}
   * (the {@code <environment>} elements), so every beelms goal of the project sees them.
   */
  static String pluginManagement(String environments) {
    return """
          <pluginManagement>
            <plugins>
              <plugin>
                <groupId>org.beelms</groupId>
                <artifactId>beelms-release-maven-plugin</artifactId>
                <version>%s</version>
                <configuration>
                  <environments>
        %s
                  </environments>
                </configuration>
              </plugin>
            </plugins>
          </pluginManagement>
        """.formatted(requiredProperty("beelms.version"), environments);
  }

  /**
   * A whole pom (packaging {@code pom}, version {@code version}) whose build declares the plugin
   * with {@code environments}: the project of the deploy ITs whose releases are written directly.
   */
  static String deployProjectPom(String version, String environments) {
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>org.example.beelms</groupId>
          <artifactId>core</artifactId>
          <version>%s</version>
          <packaging>pom</packaging>
          <build>
        %s
          </build>
        </project>
        """.formatted(version, pluginManagement(environments));
  }

  /** The coordinates of a goal of the plugin under test, e.g. {@code release-candidate}. */
  static String pluginGoal(String goal) {
    return "org.beelms:beelms-release-maven-plugin:" + requiredProperty("beelms.version") + ":" + goal;
  }

  Result run() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(requiredProperty("maven.home"), "bin", "mvn").toString());
    command.add("-B");
    command.add("-ntp");
    command.add("-Dmaven.repo.local=" + requiredProperty("maven.repo.local"));
    command.add("-Dbeelms.version=" + requiredProperty("beelms.version"));
    command.addAll(arguments);
    Path log = Files.createTempFile("maven-build", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          "mvn " + arguments + " in " + project + " did not finish within " + TIMEOUT_MINUTES
              + " minutes; log:\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(process.exitValue(), output);
  }

  record Result(int exitCode, String log) {}

  static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + name + " is not set; run this test through Maven (failsafe sets it)");
    }
    return value;
  }

  /** Copies a folder, leaving out build output ({@code target/}). */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path relative = from.relativize(source);
        if (relative.startsWith("target")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
