package org.beelms.plugin.mojo;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.beelms.plugin.baseline.Baseline;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.openapi.ApiScope;
import org.beelms.plugin.openapi.ClassFileRouteReader.Framework;
import org.beelms.plugin.openapi.GuardNames;
import org.beelms.plugin.openapi.OpenApiCheck;
import org.beelms.plugin.openapi.OpenApiCheckSettings;
import org.beelms.plugin.openapi.RouteSource;

/**
 * Checks that the OpenAPI spec is valid, follows the beelms core contract conventions, matches the
 * routes the code implements for WS-1..WS-4 (paths, methods, path parameter names, public /
 * authenticated / admin access), and lists the API changes since the previous {@code v*} release
 * in {@code target/beelms-release/api-changes.json}.
 */
@Mojo(name = "openapi-check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class OpenApiCheckMojo extends AbstractBeelmsMojo {

  /** The OpenAPI 3.0 document to check (YAML or JSON). */
  @Parameter(
      property = "beelms.openapi.spec",
      defaultValue = "${project.basedir}/docs/architecture/openapi.yaml")
  private File spec;

  /**
   * Which part of the API the spec and the code must agree on: {@code all}, or a comma-separated
   * list of walking skeletons ({@code ws1,ws2,ws3,ws4}) whose path patterns come from {@code
   * wsPatterns}; {@code /health} is always included.
   */
  @Parameter(property = "beelms.openapi.scope", defaultValue = "ws1,ws2,ws3,ws4")
  private String scope;

  /**
   * Path patterns per walking skeleton, overriding the defaults; each value is a comma-separated
   * list of patterns relative to the API prefix ({@code *} within a segment, {@code /**} for the
   * path and everything below it). Keys {@code ws1}..{@code ws4}, new keys for new walking
   * skeletons, and {@code system} for the routes every scope includes. Defaults: ws1 {@code
   * /wiki/**}; ws2 {@code /auth/**,/users/me}; ws3 {@code /courses/**,/users/me/courses}; ws4
   * {@code /admin/**}; system {@code /health}.
   */
  @Parameter
  private Map<String, String> wsPatterns;

  /**
   * Where the implemented routes come from: {@code auto} (compiled JAX-RS/Spring classes when they
   * hold routes, else NestJS sources), {@code jaxrs}, {@code spring}, {@code nestjs}, or {@code
   * spec} (a spec the code generated: {@code generatedSpec} or {@code specUrl}).
   */
  @Parameter(property = "beelms.openapi.routeSource", defaultValue = "auto")
  private String routeSource;

  /** The compiled classes the JAX-RS and Spring readers scan (never loaded, read with ASM). */
  @Parameter(
      property = "beelms.openapi.classesDirectory",
      defaultValue = "${project.build.outputDirectory}")
  private File classesDirectory;

  /** The folder holding the NestJS sources ({@code *.controller.ts} and {@code main.ts}). */
  @Parameter(property = "beelms.openapi.sourceDirectory", defaultValue = "${project.basedir}/src")
  private File sourceDirectory;

  /** With {@code routeSource=spec}: the spec file the build generated from the code. */
  @Parameter(property = "beelms.openapi.generatedSpec")
  private File generatedSpec;

  /** With {@code routeSource=spec}: the URL where the running application serves its spec. */
  @Parameter(property = "beelms.openapi.specUrl")
  private String specUrl;

  /** With {@code specUrl}: seconds to wait for the connection and for the whole answer. */
  @Parameter(property = "beelms.openapi.specUrlTimeoutSeconds", defaultValue = "10")
  private int specUrlTimeoutSeconds;

  /**
   * The prefix the API is served under; the spec's {@code servers} URL must end in it, and it is
   * stripped from code paths that start with it. A prefix the code declares ({@code
   * @ApplicationPath}, {@code setGlobalPrefix}) takes precedence.
   */
  @Parameter(property = "beelms.openapi.apiPrefix", defaultValue = "/api")
  private String apiPrefix;

  /**
   * Annotation, decorator or guard names that mark a route as needing a bearer token (a simple
   * name matches every name containing it; a dotted name matches that annotation only). One whose
   * arguments mention {@code admin} marks the route admin-only.
   */
  @Parameter(
      property = "beelms.openapi.authenticatedGuards",
      defaultValue = "Authenticated,Secured,RolesAllowed,PreAuthorize,Roles,JwtAuthGuard,AuthGuard")
  private List<String> authenticatedGuards;

  /** Annotation, decorator or guard names that mark a route as admin-only. */
  @Parameter(property = "beelms.openapi.adminGuards", defaultValue = "AdminOnly,AdminGuard,Admin")
  private List<String> adminGuards;

  /**
   * Guards mapped to the roles they let in, one element per guard (its simple name) with a
   * comma-separated list: role names ({@code teacher,admin}), {@code public} (lets everyone in)
   * or {@code authenticated}; {@code admin} alone is admin-only. A guard in {@code @UseGuards}
   * that is neither mapped nor named by the other guard parameters is reported as a role guard of
   * its own, by name. Built in: {@code OptionalJwtAuthGuard} and {@code ThrottlerGuard} are
   * {@code public}.
   */
  @Parameter
  private Map<String, String> guardRoles;

  /** Annotation or decorator names that make a route public even under a guarded class. */
  @Parameter(
      property = "beelms.openapi.publicMarkers",
      defaultValue = "PermitAll,Public,AllowAnonymous,Unauthenticated")
  private List<String> publicMarkers;

  /** The lowest finding severity that fails the build: {@code error}, {@code warning} or {@code info}. */
  @Parameter(property = "beelms.openapi.failOn", defaultValue = "error")
  private String failOn;

  /**
   * A file of accepted findings, each with a reason: YAML ({@code - rule: undocumented, subject:
   * GET /internal/metrics, reason: ...}) or {@code .properties} lines ({@code undocumented GET
   * /internal/metrics = reason}).
   */
  @Parameter(property = "beelms.openapi.allowList")
  private File allowList;

  /**
   * {@code write}: write the adoption baseline, an allow-list entry with the placeholder reason
   * {@code baseline <date>} for every finding that fails the gate now, into {@code allowList}
   * (created when missing; default {@code docs/delivery/openapi-allow-list.yaml}, which the pom must
   * then name). Existing entries are kept. The same parameter writes the DoD waivers in dod-check.
   */
  @Parameter(property = "beelms.baseline")
  private String baseline;

  /** Whether to compare the spec with the one at the previous {@code v*} release tag. */
  @Parameter(property = "beelms.openapi.compareWithPrevious", defaultValue = "true")
  private boolean compareWithPrevious;

  /**
   * When the project version is a SNAPSHOT, the release is the next version after the newest
   * {@code v*} tag (or the tag already on HEAD); the previous release is the tag before it.
   */
  @Parameter(property = "beelms.deriveVersion", defaultValue = "false")
  private boolean deriveVersion;

  /** Skips this goal. */
  @Parameter(property = "beelms.skip.openapi-check", defaultValue = "false")
  private boolean skipOpenApiCheck;

  @Override
  protected String goal() {
    return OpenApiCheck.NAME;
  }

  @Override
  protected boolean skip() {
    return skipOpenApiCheck;
  }

  @Override
  protected List<Gate> gates() {
    return List.of(new OpenApiCheck(settings()));
  }

  /** Translates the parameters once into the typed settings; throws naming the parameter. */
  private Map<String, List<String>> guardRoles() {
    Map<String, List<String>> roles = new java.util.LinkedHashMap<>();
    if (guardRoles != null) {
      guardRoles.forEach(
          (guard, list) ->
              roles.put(guard, List.of((list == null ? "" : list).split("\\s*,\\s*"))));
    }
    return roles;
  }

  OpenApiCheckSettings settings() {
    Path base = project.getBasedir().toPath();
    OpenApiCheckSettings.Builder builder =
        OpenApiCheckSettings.builder(base)
            .spec(spec.toPath())
            .scope(ApiScope.parse(scope, patterns(), "<scope> / -Dbeelms.openapi.scope"))
            .routeSource(routeSource())
            .classesDirectory(classesDirectory.toPath())
            .javaSourceRoots(project.getCompileSourceRoots().stream().map(Path::of).toList())
            .sourceDirectory(sourceDirectory.toPath())
            .apiPrefix(apiPrefix)
            .guards(new GuardNames(authenticatedGuards, adminGuards, publicMarkers, guardRoles()))
            .failOn(OpenApiCheck.failOn(failOn))
            .compareWithPrevious(compareWithPrevious)
            .outputDirectory(outputDirectory.toPath());
    if (Baseline.write(baseline)) {
      builder.baseline(java.time.LocalDate.now());
      if (allowList == null) {
        builder.allowList(unnamedBaselineFile("allowList", Baseline.DEFAULT_ALLOW_LIST));
      }
    }
    if (allowList != null) {
      builder.allowList(allowList.toPath());
    }
    releaseVersion(deriveVersion).ifPresent(builder::releaseVersion);
    return builder.build();
  }

  private Map<String, List<String>> patterns() {
    Map<String, List<String>> patterns = new LinkedHashMap<>(ApiScope.DEFAULT_PATTERNS);
    if (wsPatterns != null) {
      wsPatterns.forEach(
          (ws, value) ->
              patterns.put(
                  ws.trim().toLowerCase(Locale.ROOT),
                  List.of(value.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList()));
    }
    return patterns;
  }

  private RouteSource routeSource() {
    String value = routeSource == null ? "auto" : routeSource.trim().toLowerCase(Locale.ROOT);
    switch (value) {
      case "auto":
        return new RouteSource.Auto();
      case "jaxrs":
        return new RouteSource.ClassFiles(EnumSet.of(Framework.JAX_RS));
      case "spring":
        return new RouteSource.ClassFiles(EnumSet.of(Framework.SPRING));
      case "nestjs":
        return new RouteSource.NestJs();
      case "spec":
        if (generatedSpec != null) {
          return new RouteSource.GeneratedSpec(generatedSpec.toPath());
        }
        if (specUrl != null && !specUrl.isBlank()) {
          if (org.beelms.smoke.client.Redactor.hasUserInfo(specUrl)) {
            throw new IllegalArgumentException(
                org.beelms.smoke.client.Redactor.userInfoRefused("<specUrl> / -Dbeelms.openapi.specUrl"));
          }
          try {
            return new RouteSource.ServedSpec(
                new URI(specUrl.trim()), Duration.ofSeconds(specUrlTimeoutSeconds));
          } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "<specUrl> / -Dbeelms.openapi.specUrl is '"
                    + org.beelms.smoke.client.Redactor.maskUrlUserInfo(specUrl) + "': " + e.getMessage()
                    + "; give an http(s) URL such as http://localhost:3000/api-json",
                e);
          }
        }
        throw new IllegalArgumentException(
            "<routeSource> / -Dbeelms.openapi.routeSource is 'spec' but neither <generatedSpec> "
                + "(-Dbeelms.openapi.generatedSpec) nor <specUrl> (-Dbeelms.openapi.specUrl) is set; "
                + "set one of them");
      default:
        throw new IllegalArgumentException(
            "<routeSource> / -Dbeelms.openapi.routeSource is '" + routeSource
                + "'; use one of: auto, jaxrs, spring, nestjs, spec");
    }
  }
}
