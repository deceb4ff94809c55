package org.beelms.plugin.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.openapi.ClassFileRouteReader.Framework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole check on fixture projects: a clean one passes, each injected defect gives its finding. */
class OpenApiCheckTest {

  @TempDir Path project;

  private OpenApiCheckResult jaxRs(String spec, List<String> leaveOut, List<String> extraPackages) throws Exception {
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, spec);
    List<String> packages = new ArrayList<>(List.of("jaxrs"));
    packages.addAll(extraPackages);
    OpenApiFixtures.classes(project, packages, leaveOut);
    return new OpenApiCheck(OpenApiFixtures.settings(project).scope(ApiScope.all()).build())
        .run(ReleaseListener.NONE);
  }

  private OpenApiCheckResult nest(String spec) throws Exception {
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, spec);
    return new OpenApiCheck(
            OpenApiFixtures.settings(project).routeSource(new RouteSource.NestJs()).build())
        .run(ReleaseListener.NONE);
  }

  /** The findings above INFO, as {@code rule subject}. */
  private static List<String> problems(OpenApiCheckResult result) {
    return result.findings().stream()
        .filter(f -> f.finding().severity() != Severity.INFO)
        .map(f -> f.rule().id() + " " + f.subject())
        .collect(Collectors.toList());
  }

  private static Finding only(OpenApiCheckResult result, Rule rule) {
    List<RuleFinding> found = result.findings(rule);
    assertEquals(1, found.size(), () -> "expected one " + rule.id() + " finding in " + problems(result));
    return found.get(0).finding();
  }

  @Test
  void cleanJaxRsProjectPasses() throws Exception {
    OpenApiCheckResult result = jaxRs(OpenApiFixtures.spec(), List.of(), List.of());

    assertEquals(List.of(), problems(result));
    assertEquals(11, result.implemented().size());
    assertFalse(result.failed());
  }

  @Test
  void cleanNestJsProjectPasses() throws Exception {
    OpenApiFixtures.nestSources(project);

    OpenApiCheckResult result = nest(OpenApiFixtures.spec());

    assertEquals(List.of(), problems(result));
    assertEquals(11, result.implemented().size());
  }

  @Test
  void autoPicksTheCompiledClassesAndThenNestJs() throws Exception {
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, OpenApiFixtures.spec());
    OpenApiFixtures.nestSources(project);

    OpenApiCheckResult result =
        new OpenApiCheck(OpenApiFixtures.settings(project).build()).run(ReleaseListener.NONE);

    assertEquals(List.of(), problems(result));
    assertTrue(result.implemented().get(0).source().startsWith("src/"), "NestJS sources were read");
  }

  @Test
  void reportsUndocumentedRoute() throws Exception {
    String spec =
        OpenApiFixtures.spec(
            "  /users/me/courses:\n    get:\n      operationId: myCourses\n      summary: My courses with progress\n"
                + "      responses:\n        '200':\n          description: enrolled courses\n"
                + "        '401':\n          description: no token\n",
            "");

    OpenApiCheckResult result = jaxRs(spec, List.of(), List.of());

    assertEquals(List.of("undocumented GET /users/me/courses"), problems(result));
    Finding finding = only(result, Rule.UNDOCUMENTED);
    Path source = OpenApiFixtures.fixtureSource("jaxrs/UsersMeResource.java");
    assertTrue(
        finding.where().endsWith("UsersMeResource.java:" + OpenApiFixtures.lineOf(source, "\"me-courses\"")),
        finding.where());
    assertEquals(Severity.ERROR, finding.severity());
    assertTrue(result.failed());
  }

  @Test
  void reportsDocumentedRouteThatIsGone() throws Exception {
    OpenApiCheckResult result =
        jaxRs(OpenApiFixtures.spec(), List.of("jaxrs/HealthResource.class"), List.of());

    assertEquals(List.of("not-implemented GET /health"), problems(result));
    Finding finding = only(result, Rule.NOT_IMPLEMENTED);
    Path spec = project.resolve(OpenApiFixtures.SPEC);
    assertEquals(
        "docs/architecture/openapi.yaml:" + (OpenApiFixtures.lineOf(spec, "  /health:") + 1), finding.where());
  }

  @Test
  void reportsRemovedGuard() throws Exception {
    OpenApiCheckResult result =
        jaxRs(
            OpenApiFixtures.spec(),
            List.of("jaxrs/UsersMeResource.class"),
            List.of("jaxrsunguarded"));

    assertEquals(
        List.of(
            "public-but-documented-secured GET /users/me",
            "public-but-documented-secured DELETE /users/me",
            "public-but-documented-secured GET /users/me/courses"),
        problems(result));
    Finding finding = result.findings(Rule.PUBLIC_BUT_DOCUMENTED_SECURED).get(0).finding();
    assertTrue(finding.where().startsWith("docs/architecture/openapi.yaml:"), finding.where());
    assertTrue(finding.where().contains(RouteSync.BOTH_SIDES), finding.where());
    assertTrue(finding.where().contains("jaxrsunguarded/UsersMeResource.java:"), finding.where());
  }

  @Test
  void reportsRemovedNestJsGuardOnOneMethod() throws Exception {
    Path sources = OpenApiFixtures.nestSources(project);
    OpenApiFixtures.edit(
        sources.resolve("courses/courses.controller.ts"), "  @UseGuards(JwtAuthGuard)\n", "");

    OpenApiCheckResult result = nest(OpenApiFixtures.spec());

    assertEquals(List.of("public-but-documented-secured POST /courses/{courseId}/enroll"), problems(result));
    int line = OpenApiFixtures.lineOf(sources.resolve("courses/courses.controller.ts"), "@Post(':courseId/enroll')");
    String where = only(result, Rule.PUBLIC_BUT_DOCUMENTED_SECURED).where();
    assertTrue(where.endsWith("src/courses/courses.controller.ts:" + line), where);
  }

  @Test
  void reportsSecuredRouteDocumentedAsPublic() throws Exception {
    String spec =
        OpenApiFixtures.spec(
            "      operationId: me\n      summary: The current account\n",
            "      operationId: me\n      summary: The current account\n      security: []\n");

    OpenApiCheckResult result = jaxRs(spec, List.of(), List.of());

    assertEquals(List.of("secured-but-documented-public GET /users/me"), problems(result));
  }

  @Test
  void reportsMismatchedPathParameterName() throws Exception {
    Path sources = OpenApiFixtures.nestSources(project);
    OpenApiFixtures.edit(sources.resolve("admin/admin.controller.ts"), "'users/:id'", "'users/:userId'");

    OpenApiCheckResult result = nest(OpenApiFixtures.spec());

    assertEquals(List.of("path-parameter-names PATCH /admin/users/{id}"), problems(result));
    Finding finding = only(result, Rule.PATH_PARAMETER_NAMES);
    assertTrue(finding.message().contains("[id] in the spec but [userId] in the code"), finding.message());
    int line = OpenApiFixtures.lineOf(sources.resolve("admin/admin.controller.ts"), "@Patch(");
    assertTrue(finding.where().endsWith("src/admin/admin.controller.ts:" + line), finding.where());
  }

  @Test
  void reportsAdminRouteNotMarkedInSpec() throws Exception {
    String spec =
        OpenApiFixtures.spec(
            "      tags: [admin]\n      x-roles: [admin]\n      responses:\n        '200':\n          description: users\n"
                + "        '401':\n          description: no token\n        '403':\n          description: not an admin\n",
            "      responses:\n        '200':\n          description: users\n"
                + "        '401':\n          description: no token\n");

    OpenApiCheckResult result = jaxRs(spec, List.of(), List.of());

    assertEquals(List.of("admin-not-marked GET /admin/users"), problems(result));
    assertEquals(Severity.WARNING, only(result, Rule.ADMIN_NOT_MARKED).severity());
    assertFalse(result.failed(), "a warning does not fail with failOn=error");
  }

  @Test
  void reportsAdminMarkerWithoutAdminGuard() throws Exception {
    String spec =
        OpenApiFixtures.spec("      operationId: me\n", "      operationId: me\n      x-roles: [admin]\n");

    OpenApiCheckResult result = jaxRs(spec, List.of(), List.of());

    assertEquals(List.of("admin-not-guarded GET /users/me"), problems(result));
  }

  @Test
  void scopeLeavesOtherWalkingSkeletonsOut() throws Exception {
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, OpenApiFixtures.spec());
    OpenApiFixtures.classes(project, List.of("jaxrs"), List.of("jaxrs/AdminResource.class"));

    OpenApiCheckResult result =
        new OpenApiCheck(
                OpenApiFixtures.settings(project)
                    .scope(ApiScope.parse("ws1,ws2,ws3", ApiScope.DEFAULT_PATTERNS, "scope"))
                    .build())
            .run(ReleaseListener.NONE);

    assertEquals(List.of(), problems(result), "WS-4 (admin) is out of scope");
  }

  @Test
  void readsSpringControllers() throws Exception {
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, OpenApiFixtures.spec());
    OpenApiFixtures.classes(project, List.of("spring"), List.of());

    OpenApiCheckResult result =
        new OpenApiCheck(
                OpenApiFixtures.settings(project)
                    .routeSource(new RouteSource.ClassFiles(EnumSet.of(Framework.SPRING)))
                    .scope(ApiScope.parse("ws3", ApiScope.DEFAULT_PATTERNS, "scope"))
                    .build())
            .run(ReleaseListener.NONE);

    assertEquals(List.of(), problems(result));
  }

  @Test
  void invalidYamlFailsWithFileAndLine() throws Exception {
    String spec = OpenApiFixtures.spec("  /courses:\n    get:\n", "  /courses:\n    get:\n   bad: [\n");

    OpenApiCheckResult result = jaxRs(spec, List.of(), List.of());

    Finding finding = only(result, Rule.INVALID_SPEC);
    assertTrue(finding.where().startsWith("docs/architecture/openapi.yaml:"), finding.where());
    int line = Integer.parseInt(finding.where().substring(finding.where().lastIndexOf(':') + 1));
    int badLine = OpenApiFixtures.lineOf(project.resolve(OpenApiFixtures.SPEC), "bad: [");
    assertTrue(line >= badLine && line <= badLine + 2, finding.where() + " vs line " + badLine);
    assertTrue(finding.fix().contains("-Dbeelms.openapi.spec"), finding.fix());
    assertEquals(1, result.findings().size(), "nothing else is checked on an unreadable spec");
  }

  @Test
  void invalidOpenApiNamesTheLineOfTheOffendingKey() throws Exception {
    String spec =
        OpenApiFixtures.spec(
            "      operationId: listCourses\n      summary: List courses\n      security: []\n      responses:\n        '200':\n          description: courses\n",
            "      operationId: listCourses\n      summary: List courses\n      security: []\n");

    OpenApiCheckResult result = jaxRs(spec, List.of(), List.of());

    List<RuleFinding> invalid = result.findings(Rule.INVALID_SPEC);
    assertEquals(1, invalid.size(), () -> problems(result).toString());
    Path file = project.resolve(OpenApiFixtures.SPEC);
    int getLine = OpenApiFixtures.lineOf(file, "  /courses:") + 1;
    assertEquals("docs/architecture/openapi.yaml:" + getLine, invalid.get(0).finding().where());
    assertTrue(invalid.get(0).finding().message().contains("responses"), invalid.get(0).finding().message());
  }

  @Test
  void missingSpecNamesTheParameter() throws Exception {
    OpenApiCheckResult result =
        new OpenApiCheck(OpenApiFixtures.settings(project).build()).run(ReleaseListener.NONE);

    Finding finding = only(result, Rule.INVALID_SPEC);
    assertEquals("<spec> / -Dbeelms.openapi.spec", finding.where());
    assertTrue(result.failed());
  }

  @Test
  void noRoutesIsAnErrorNamingTheRouteSource() throws Exception {
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, OpenApiFixtures.spec());

    OpenApiCheckResult result =
        new OpenApiCheck(OpenApiFixtures.settings(project).build()).run(ReleaseListener.NONE);

    assertEquals(List.of("no-routes "), problems(result));
    assertTrue(only(result, Rule.NO_ROUTES).fix().contains("-Dbeelms.openapi.routeSource"));
  }

  @Test
  void gateResultFailsOnTheConfiguredSeverity() throws Exception {
    String spec = OpenApiFixtures.spec("      summary: List courses\n", "");
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, spec);
    OpenApiFixtures.classes(project, List.of("jaxrs"), List.of());

    GateResult onError =
        new OpenApiCheck(OpenApiFixtures.settings(project).build()).check(ReleaseListener.NONE);
    GateResult onWarning =
        new OpenApiCheck(OpenApiFixtures.settings(project).failOn(Severity.WARNING).build())
            .check(ReleaseListener.NONE);

    assertEquals(GateStatus.PASSED, onError.status());
    assertEquals(GateStatus.FAILED, onWarning.status());
    assertEquals("openapi-check", onWarning.gate());
    assertEquals(1, onWarning.findings().size());
    assertTrue(onWarning.findings().get(0).message().contains("GET /courses has no summary"));
  }

  /** The fixture's admin controller with TeacherGuard where AdminGuard was; the spec marks it admin-only. */
  private OpenApiCheckResult teacherGuardedAdmin(GuardNames guards) throws Exception {
    OpenApiFixtures.nestSources(project);
    Path controller = project.resolve("src/admin/admin.controller.ts");
    java.nio.file.Files.writeString(
        controller, java.nio.file.Files.readString(controller).replace("  AdminGuard,", "  TeacherGuard,"));
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, OpenApiFixtures.spec());
    return new OpenApiCheck(
            OpenApiFixtures.settings(project).routeSource(new RouteSource.NestJs()).guards(guards).build())
        .run(ReleaseListener.NONE);
  }

  @Test
  void aRoleGuardOnAnAdminOnlyOperationIsReportedByNameAndNothingMore() throws Exception {
    OpenApiCheckResult result = teacherGuardedAdmin(GuardNames.DEFAULTS);

    assertEquals(
        List.of("admin-not-guarded GET /admin/users", "admin-not-guarded PATCH /admin/users/{id}"),
        problems(result));
    Finding finding = result.findings(Rule.ADMIN_NOT_GUARDED).get(0).finding();
    assertEquals(
        "GET /admin/users is restricted by TeacherGuard in the code; the spec marks it admin-only",
        finding.message());
    assertFalse(finding.message().contains("any"), "never claims any caller gets in");
    assertTrue(finding.fix().contains("<guardRoles><TeacherGuard>admin</TeacherGuard></guardRoles>"), finding.fix());
  }

  @Test
  void aMappedRoleGuardIsWordedWithItsRolesOrClearsTheFinding() throws Exception {
    OpenApiCheckResult teachers =
        teacherGuardedAdmin(
            GuardNames.DEFAULTS.withGuardRoles(Map.of("TeacherGuard", List.of("teacher", "admin"))));
    assertEquals(
        "GET /admin/users is restricted by TeacherGuard (roles teacher, admin) in the code;"
            + " the spec marks it admin-only",
        teachers.findings(Rule.ADMIN_NOT_GUARDED).get(0).finding().message());

    OpenApiCheckResult adminsOnly =
        teacherGuardedAdmin(GuardNames.DEFAULTS.withGuardRoles(Map.of("TeacherGuard", List.of("admin"))));
    assertEquals(List.of(), problems(adminsOnly));
  }

  /** The wiki behind a feature flag: FeatureEnabledGuard('wiki') answers 404 when the feature is off. */
  private OpenApiCheckResult featureFlaggedWiki(GuardNames guards) throws Exception {
    OpenApiFixtures.nestSources(project);
    Path controller = project.resolve("src/wiki/wiki.controller.ts");
    java.nio.file.Files.writeString(controller, java.nio.file.Files.readString(controller)
        .replace("import { Controller, Get, Param, Query } from '@nestjs/common';",
            "import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';")
        .replace("@Controller('wiki/articles')", "@Controller('wiki/articles')\n@UseGuards(FeatureEnabledGuard('wiki'))"));
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, OpenApiFixtures.spec());
    return new OpenApiCheck(
            OpenApiFixtures.settings(project).routeSource(new RouteSource.NestJs()).guards(guards).build())
        .run(ReleaseListener.NONE);
  }

  @Test
  void aGuardMappedToPublicLetsTheDocumentedPublicRoutesPassWithoutAnyAdvice() throws Exception {
    OpenApiCheckResult mapped = featureFlaggedWiki(
        GuardNames.DEFAULTS.withGuardRoles(Map.of("FeatureEnabledGuard", List.of("public"))));

    assertEquals(List.of(), problems(mapped));
    assertTrue(mapped.findings().stream().noneMatch(f -> f.finding().fix().contains("401")),
        "a guard mapped to public never gets 401 advice");
  }

  @Test
  void anUnmappedGuardOnADocumentedPublicRouteIsOfferedThePublicMappingBefore401() throws Exception {
    OpenApiCheckResult unmapped = featureFlaggedWiki(GuardNames.DEFAULTS);

    assertEquals(
        List.of("secured-but-documented-public GET /wiki/articles",
            "secured-but-documented-public GET /wiki/articles/{slug}"),
        problems(unmapped));
    Finding finding = unmapped.findings(Rule.SECURED_BUT_DOCUMENTED_PUBLIC).get(0).finding();
    assertTrue(finding.message().contains("restricted by FeatureEnabledGuard"), finding.message());
    assertTrue(finding.fix().startsWith("If FeatureEnabledGuard lets every caller in and only hides the route"
        + " (a feature flag answering 404), map it in the POM: <guardRoles><FeatureEnabledGuard>public"
        + "</FeatureEnabledGuard></guardRoles>"), finding.fix());
  }
}
