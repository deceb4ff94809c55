package org.beelms.plugin.openapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.beelms.plugin.baseline.Baseline;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.ReleaseTag;

/**
 * The {@code openapi-check} gate: parses and lints the spec, reads the implemented routes, reports
 * the drift between them within the scope, and lists the API changes since the previous release
 * ({@code api-changes.json}).
 *
 * <pre>{@code
 * OpenApiCheckSettings settings = OpenApiCheckSettings.builder(projectDir)
 *     .routeSource(new RouteSource.NestJs())
 *     .build();
 * OpenApiCheckResult result = new OpenApiCheck(settings).run(ReleaseListener.NONE);
 * result.changes().ifPresent(changes -> changes.breaking().forEach(...));
 * }</pre>
 */
public final class OpenApiCheck implements Gate {

  public static final String NAME = "openapi-check";

  private final OpenApiCheckSettings settings;
  private final SourceLocator locator;

  public OpenApiCheck(OpenApiCheckSettings settings) {
    this.settings = settings;
    this.locator = new SourceLocator(settings.baseDirectory(), settings.javaSourceRoots());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws IOException {
    long start = System.nanoTime();
    OpenApiCheckResult result = run(listener);
    return result.toGateResult(Duration.ofNanos(System.nanoTime() - start));
  }

  /** Runs every step and returns what it found; throws only when a file cannot be read or written. */
  public OpenApiCheckResult run(ReleaseListener listener) throws IOException {
    String specShown = locator.display(settings.spec());
    List<RuleFinding> findings = new ArrayList<>();
    if (!Files.isRegularFile(settings.spec())) {
      findings.add(
          new RuleFinding(
              Rule.INVALID_SPEC,
              specShown,
              Finding.error(
                  "The OpenAPI spec " + specShown + " does not exist",
                  OpenApiSuggestions.SPEC_PARAMETER,
                  "Create it, or point " + OpenApiSuggestions.SPEC_PARAMETER + " at the spec")));
      return finish(findings, List.of(), List.of(), Optional.empty());
    }
    String text = Files.readString(settings.spec(), StandardCharsets.UTF_8);
    SpecDocument.Parsed parsed = SpecDocument.parse(specShown, text);
    for (Finding problem : parsed.problems()) {
      findings.add(new RuleFinding(Rule.INVALID_SPEC, specShown, problem));
    }
    if (parsed.document().isEmpty()) {
      return finish(findings, List.of(), List.of(), Optional.empty());
    }
    SpecDocument spec = parsed.document().get();
    List<SpecOperation> documented = spec.operations();
    listener.progress(NAME, "read " + documented.size() + " operations from " + specShown);

    CodeRoutes code;
    try {
      code = routeReader().read();
      listener.progress(NAME, "read " + code.routes().size() + " routes from " + code.origin());
    } catch (IOException e) {
      findings.add(
          new RuleFinding(
              Rule.NO_ROUTES,
              "",
              Finding.error(
                  "Cannot read the implemented routes: " + e.getMessage(),
                  OpenApiSuggestions.ROUTE_SOURCE_PARAMETER,
                  OpenApiSuggestions.noRoutes(describeSource()))));
      code = new CodeRoutes(List.of(), Optional.empty(), describeSource());
    }
    String prefix = code.prefix().orElse(settings.apiPrefix());
    findings.addAll(new SpecLinter(settings.scope(), prefix).lint(spec));
    if (code.routes().isEmpty()) {
      if (findings.stream().noneMatch(f -> f.rule() == Rule.NO_ROUTES)) {
        findings.add(
            new RuleFinding(
                Rule.NO_ROUTES,
                "",
                Finding.error(
                    "No routes found in " + code.origin() + ", so the spec cannot be compared with the code",
                    OpenApiSuggestions.ROUTE_SOURCE_PARAMETER,
                    OpenApiSuggestions.noRoutes(code.origin()))));
      }
    } else {
      RouteSync sync = new RouteSync(settings.scope());
      findings.addAll(sync.compare(documented, code));
      sync.nothingInScope(documented, code, prefix).ifPresent(findings::add);
    }
    Optional<ApiChanges> changes = Optional.empty();
    if (settings.compareWithPrevious()) {
      changes = Optional.of(compatibility(spec, findings, listener));
      changes.get().writeJson(settings.outputDirectory());
    }
    return finish(findings, documented, code.routes(), changes);
  }

  private OpenApiCheckResult finish(
      List<RuleFinding> findings,
      List<SpecOperation> documented,
      List<Route> implemented,
      Optional<ApiChanges> changes)
      throws IOException {
    AllowList allowList = allowList();
    List<RuleFinding> written = new ArrayList<>();
    if (settings.baseline().isPresent()) {
      Path file = settings.allowList().orElseThrow();
      List<RuleFinding> accepted = AllowListBaseline.candidates(findings, allowList, settings.failOn());
      int added =
          new AllowListBaseline(file, locator.display(file), settings.baseline().get()).write(accepted);
      written.add(
          new RuleFinding(
              Rule.ALLOW_LIST,
              locator.display(file),
              Finding.info(
                  "baseline: " + added + " finding(s) added to the allow list with the placeholder reason '"
                      + Baseline.placeholderReason(settings.baseline().get()) + "'"
                      + (accepted.isEmpty() ? "" : " (" + accepted.get(0).rule().id() + " "
                          + accepted.get(0).subject() + (added > 1 ? ", …" : "") + ")"),
                  locator.display(file))));
      allowList = allowList();
    }
    List<RuleFinding> applied = new ArrayList<>(allowList.apply(findings));
    applied.addAll(written);
    return new OpenApiCheckResult(applied, documented, implemented, changes, settings.failOn());
  }

  /** The allow list as the settings name it; empty when none is set or (baseline) not yet written. */
  private AllowList allowList() throws IOException {
    Optional<Path> file = settings.allowList().filter(Files::isRegularFile);
    return file.isPresent() ? AllowList.read(file.get(), locator.display(file.get())) : AllowList.empty();
  }

  /** The reader the settings ask for; {@code auto} picks class files when they hold routes. */
  RouteReader routeReader() throws IOException {
    RouteSource source = settings.routeSource();
    String prefix = settings.apiPrefix();
    if (source instanceof RouteSource.ClassFiles classFiles) {
      return new ClassFileRouteReader(
          settings.classesDirectory(), classFiles.frameworks(), settings.guards(), prefix, locator);
    }
    if (source instanceof RouteSource.NestJs) {
      return new NestJsRouteReader(settings.sourceDirectory(), settings.guards(), prefix, locator);
    }
    if (source instanceof RouteSource.GeneratedSpec generated) {
      return SpecRouteReader.file(generated.file(), locator.display(generated.file()), prefix);
    }
    if (source instanceof RouteSource.ServedSpec served) {
      return SpecRouteReader.url(served.url(), served.timeout(), prefix);
    }
    if (Files.isDirectory(settings.classesDirectory())) {
      ClassFileRouteReader classes =
          new ClassFileRouteReader(
              settings.classesDirectory(),
              EnumSet.allOf(ClassFileRouteReader.Framework.class),
              settings.guards(),
              prefix,
              locator);
      CodeRoutes routes = classes.read();
      if (!routes.routes().isEmpty()) {
        return () -> routes;
      }
    }
    if (NestJsRouteReader.hasControllers(settings.sourceDirectory())) {
      return new NestJsRouteReader(settings.sourceDirectory(), settings.guards(), prefix, locator);
    }
    return () ->
        new CodeRoutes(List.of(), Optional.empty(), describeSource());
  }

  private String describeSource() {
    RouteSource source = settings.routeSource();
    if (source instanceof RouteSource.NestJs) {
      return locator.display(settings.sourceDirectory());
    }
    if (source instanceof RouteSource.GeneratedSpec generated) {
      return locator.display(generated.file());
    }
    if (source instanceof RouteSource.ServedSpec served) {
      return served.url().toString();
    }
    if (source instanceof RouteSource.ClassFiles) {
      return locator.display(settings.classesDirectory());
    }
    return locator.display(settings.classesDirectory()) + " and " + locator.display(settings.sourceDirectory());
  }

  private ApiChanges compatibility(
      SpecDocument current, List<RuleFinding> findings, ReleaseListener listener) {
    ReleaseHistory history;
    try {
      history = ReleaseHistory.open(settings.spec().toAbsolutePath().getParent());
    } catch (IllegalArgumentException e) {
      findings.add(
          new RuleFinding(
              Rule.COMPATIBILITY,
              "",
              Finding.info(
                  "Not compared with a previous release: " + e.getMessage(),
                  "<compareWithPrevious> / -Dbeelms.openapi.compareWithPrevious")));
      return ApiChanges.firstRelease(current.location());
    }
    try (history) {
      Optional<ReleaseTag> previous = history.previousRelease(settings.releaseVersion());
      if (previous.isEmpty()) {
        findings.add(
            new RuleFinding(
                Rule.COMPATIBILITY,
                "",
                Finding.info(
                    "First release: no earlier v* tag, so there is no API to stay compatible with",
                    current.location())));
        return ApiChanges.firstRelease(current.location());
      }
      ReleaseTag tag = previous.get();
      String gitPath = history.gitPath(settings.spec());
      Optional<byte[]> before = history.readAt(tag, gitPath);
      SpecDocument previousSpec;
      if (before.isEmpty()) {
        findings.add(
            new RuleFinding(
                Rule.COMPATIBILITY,
                tag.name(),
                Finding.info(
                    gitPath + " did not exist at " + tag.name() + "; every operation counts as an addition",
                    current.location())));
        previousSpec =
            SpecDocument.parse(gitPath + "@" + tag.name(), "openapi: 3.0.3\ninfo: {title: none, version: '0'}\npaths: {}\n")
                .document()
                .orElseThrow();
      } else {
        SpecDocument.Parsed parsed =
            SpecDocument.parse(gitPath + "@" + tag.name(), new String(before.get(), StandardCharsets.UTF_8));
        if (parsed.document().isEmpty()) {
          findings.add(
              new RuleFinding(
                  Rule.COMPATIBILITY,
                  tag.name(),
                  Finding.warning(
                      "The spec at " + tag.name() + " cannot be parsed, so compatibility was not checked: "
                          + parsed.problems().stream().map(Finding::message).collect(Collectors.joining("; ")),
                      gitPath + "@" + tag.name(),
                      "Nothing to fix in this release; review the API changes by hand")));
          return ApiChanges.firstRelease(current.location());
        }
        previousSpec = parsed.document().get();
      }
      listener.progress(NAME, "comparing with the spec at " + tag.name());
      ApiChanges changes = ApiCompatibility.compare(previousSpec, current, tag.name());
      for (ApiChange change : changes.breaking()) {
        String where =
            change.kind() == ApiChange.Kind.PATH_REMOVED || change.kind() == ApiChange.Kind.METHOD_REMOVED
                ? previousSpec.where("paths", change.path(), change.method().toLowerCase(Locale.ROOT))
                : current.where("paths", change.path(), change.method().toLowerCase(Locale.ROOT));
        findings.add(
            new RuleFinding(
                Rule.BREAKING_CHANGE,
                change.operation(),
                Finding.warning(
                    "Breaking change since " + tag.name() + ": " + change.describe(),
                    where,
                    OpenApiSuggestions.breaking(tag.name()))));
      }
      if (!changes.additions().isEmpty()) {
        findings.add(
            new RuleFinding(
                Rule.COMPATIBILITY,
                "",
                Finding.info(
                    changes.additions().size() + " backward-compatible change(s) since " + tag.name() + ": "
                        + changes.additions().stream().map(ApiChange::describe).collect(Collectors.joining(", ")),
                    current.location())));
      }
      return changes;
    }
  }

  /** The severity a setting names, with the parameter in the error. */
  public static Severity failOn(String value) {
    return Severity.parse(value, "<failOn> / -Dbeelms.openapi.failOn");
  }
}
