package org.beelms.plugin.openapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.baseline.Baseline;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.SemanticVersion;

/**
 * Everything the openapi check needs, resolved and validated once. Build it with {@link
 * #builder(Path)}, whose defaults follow the beelms core layout.
 *
 * @param baseDirectory the project folder; files in findings are shown relative to it
 * @param spec the OpenAPI document ({@code docs/architecture/openapi.yaml})
 * @param scope the paths the sync covers
 * @param routeSource where the implemented routes come from
 * @param classesDirectory compiled classes for the JAX-RS and Spring readers
 * @param javaSourceRoots where the Java sources are, to show {@code file:line} of a route
 * @param sourceDirectory the NestJS sources
 * @param apiPrefix the prefix the API is served under ({@code /api})
 * @param guards the markers of secured and admin-only routes
 * @param failOn the lowest severity that fails the gate
 * @param allowList the allow-list file, when there is one
 * @param compareWithPrevious whether to compare with the spec at the previous {@code v*} tag
 * @param releaseVersion the version being released, so its own tag is not "the previous release"
 * @param outputDirectory where {@code api-changes.json} is written
 * @param baseline the day the adoption baseline is written ({@code -Dbeelms.baseline=write}): the
 *     findings that fail go into {@code allowList} (created when missing) with the placeholder
 *     reason {@code baseline <day>}; empty for a normal run
 */
public record OpenApiCheckSettings(
    Path baseDirectory,
    Path spec,
    ApiScope scope,
    RouteSource routeSource,
    Path classesDirectory,
    List<Path> javaSourceRoots,
    Path sourceDirectory,
    String apiPrefix,
    GuardNames guards,
    Severity failOn,
    Optional<Path> allowList,
    boolean compareWithPrevious,
    Optional<SemanticVersion> releaseVersion,
    Path outputDirectory,
    Optional<LocalDate> baseline) {

  public OpenApiCheckSettings {
    Objects.requireNonNull(baseDirectory, "baseDirectory");
    if (spec == null) {
      throw new IllegalArgumentException(
          OpenApiSuggestions.SPEC_PARAMETER + " is not set; point it at the OpenAPI document");
    }
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(routeSource, "routeSource");
    Objects.requireNonNull(classesDirectory, "classesDirectory");
    javaSourceRoots = List.copyOf(javaSourceRoots == null ? List.of() : javaSourceRoots);
    Objects.requireNonNull(sourceDirectory, "sourceDirectory");
    apiPrefix = apiPrefix == null || apiPrefix.isBlank() ? "/" : Route.normalize(apiPrefix);
    Objects.requireNonNull(guards, "guards");
    Objects.requireNonNull(failOn, "failOn");
    allowList = allowList == null ? Optional.empty() : allowList;
    baseline = baseline == null ? Optional.empty() : baseline;
    if (baseline.isPresent() && allowList.isEmpty()) {
      throw new IllegalArgumentException(
          Baseline.PARAMETER + " is 'write' but there is no allow list to write to; set "
              + OpenApiSuggestions.ALLOW_LIST_PARAMETER);
    }
    if (baseline.isEmpty() && allowList.isPresent() && !Files.isRegularFile(allowList.get())) {
      throw new IllegalArgumentException(
          Baseline.missingFile("allow list", allowList.get(), OpenApiSuggestions.ALLOW_LIST_PARAMETER));
    }
    releaseVersion = releaseVersion == null ? Optional.empty() : releaseVersion;
    Objects.requireNonNull(outputDirectory, "outputDirectory");
  }

  public static Builder builder(Path baseDirectory) {
    return new Builder(baseDirectory);
  }

  /** Builds settings with the beelms core defaults for whatever is not set. */
  public static final class Builder {
    private final Path baseDirectory;
    private Path spec;
    private ApiScope scope;
    private RouteSource routeSource = new RouteSource.Auto();
    private Path classesDirectory;
    private List<Path> javaSourceRoots;
    private Path sourceDirectory;
    private String apiPrefix = "/api";
    private GuardNames guards = GuardNames.DEFAULTS;
    private Severity failOn = Severity.ERROR;
    private Path allowList;
    private boolean compareWithPrevious = true;
    private SemanticVersion releaseVersion;
    private Path outputDirectory;
    private LocalDate baseline;

    private Builder(Path baseDirectory) {
      this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
    }

    public Builder spec(Path value) {
      spec = value;
      return this;
    }

    public Builder scope(ApiScope value) {
      scope = value;
      return this;
    }

    public Builder routeSource(RouteSource value) {
      routeSource = value;
      return this;
    }

    public Builder classesDirectory(Path value) {
      classesDirectory = value;
      return this;
    }

    public Builder javaSourceRoots(List<Path> value) {
      javaSourceRoots = value;
      return this;
    }

    public Builder sourceDirectory(Path value) {
      sourceDirectory = value;
      return this;
    }

    public Builder apiPrefix(String value) {
      apiPrefix = value;
      return this;
    }

    public Builder guards(GuardNames value) {
      guards = value;
      return this;
    }

    public Builder failOn(Severity value) {
      failOn = value;
      return this;
    }

    public Builder allowList(Path value) {
      allowList = value;
      return this;
    }

    public Builder compareWithPrevious(boolean value) {
      compareWithPrevious = value;
      return this;
    }

    public Builder releaseVersion(SemanticVersion value) {
      releaseVersion = value;
      return this;
    }

    public Builder outputDirectory(Path value) {
      outputDirectory = value;
      return this;
    }

    /** Writes the adoption baseline into the allow list, dated {@code day}. */
    public Builder baseline(LocalDate day) {
      baseline = day;
      return this;
    }

    public OpenApiCheckSettings build() {
      return new OpenApiCheckSettings(
          baseDirectory,
          spec != null ? spec : baseDirectory.resolve("docs/architecture/openapi.yaml"),
          scope != null ? scope : ApiScope.parse("ws1,ws2,ws3,ws4", ApiScope.DEFAULT_PATTERNS, "scope"),
          routeSource,
          classesDirectory != null ? classesDirectory : baseDirectory.resolve("target/classes"),
          javaSourceRoots != null ? javaSourceRoots : List.of(baseDirectory.resolve("src/main/java")),
          sourceDirectory != null ? sourceDirectory : baseDirectory.resolve("src"),
          apiPrefix,
          guards,
          failOn,
          Optional.ofNullable(allowList),
          compareWithPrevious,
          Optional.ofNullable(releaseVersion),
          outputDirectory != null ? outputDirectory : baseDirectory.resolve("target/beelms-release"),
          Optional.ofNullable(baseline));
    }
  }
}
