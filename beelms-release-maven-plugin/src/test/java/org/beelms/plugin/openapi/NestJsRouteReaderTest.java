package org.beelms.plugin.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NestJsRouteReaderTest {

  @TempDir Path project;

  private CodeRoutes read(Path sources) throws Exception {
    return new NestJsRouteReader(sources, GuardNames.DEFAULTS, "/api", SourceLocator.none(project)).read();
  }

  @Test
  void readsControllersWithClassAndMethodPrefixesParamsAndGuards() throws Exception {
    Path sources = OpenApiFixtures.nestSources(project);

    CodeRoutes routes = read(sources);

    assertEquals(Optional.of("/api"), routes.prefix(), "setGlobalPrefix('api') in main.ts");
    assertEquals(
        Set.of(
            "GET /health public",
            "GET /wiki/articles public",
            "GET /wiki/articles/{slug} public",
            "GET /courses public",
            "GET /courses/{courseId} public",
            "POST /courses/{courseId}/enroll authenticated",
            "GET /users/me authenticated",
            "DELETE /users/me authenticated",
            "GET /users/me/courses authenticated",
            "GET /admin/users admin",
            "PATCH /admin/users/{id} admin"),
        routes.routes().stream().map(r -> r.key() + " " + r.access().label()).collect(Collectors.toSet()));
  }

  @Test
  void keepsTheLineOfTheMethodDecorator() throws Exception {
    Path sources = OpenApiFixtures.nestSources(project);

    Route enroll =
        read(sources).routes().stream()
            .filter(r -> r.key().equals("POST /courses/{courseId}/enroll"))
            .findFirst()
            .orElseThrow();

    Path file = sources.resolve("courses/courses.controller.ts");
    assertEquals(
        "src/courses/courses.controller.ts:" + OpenApiFixtures.lineOf(file, "@Post(':courseId/enroll')"),
        enroll.source());
  }

  @Test
  void methodGuardAddsToClassGuardAndPublicDecoratorOpensRoute() throws Exception {
    Path sources = project.resolve("src");
    OpenApiFixtures.write(
        project,
        "src/reports/reports.controller.ts",
        """
        import { Controller, Get, UseGuards } from '@nestjs/common';

        @Controller(['reports', 'stats'])
        @UseGuards(AuthGuard('jwt'))
        export class ReportsController {
          @Get(':reportId?')
          @UseGuards(RolesGuard)
          @Roles('admin')
          one() {}

          @Public()
          @Get('summary')
          summary() {}
        }
        """);

    CodeRoutes routes = read(sources);

    assertEquals(Optional.empty(), routes.prefix(), "no main.ts, no prefix in the paths");
    assertEquals(
        Set.of(
            "GET /reports/{reportId} admin",
            "GET /stats/{reportId} admin",
            "GET /reports/summary public",
            "GET /stats/summary public"),
        routes.routes().stream().map(r -> r.key() + " " + r.access().label()).collect(Collectors.toSet()));
  }

  /** beelms core's admin course controller: teachers in at class level, deletion admin only. */
  private static final String COURSE_ADMIN =
      """
      import { Controller, Delete, Get, Patch, Post, UseGuards } from '@nestjs/common';

      @Controller('admin/courses')
      @UseGuards(JwtAuthGuard, TeacherGuard)
      export class AdminCoursesController {
        @Get()
        list() {}

        @Patch('status/bulk')
        @UseGuards(AuthorGuard)
        bulk() {}

        @Delete(':id')
        @UseGuards(AdminGuard)
        remove() {}
      }

      @Controller('courses')
      export class CoursesController {
        @Get(':id')
        @UseGuards(OptionalJwtAuthGuard)
        one() {}

        @Post(':courseId/enroll')
        @UseGuards(JwtAuthGuard, ThrottlerGuard)
        enroll() {}
      }
      """;

  private Set<String> accessOf(GuardNames names) throws Exception {
    OpenApiFixtures.write(project, "src/courses/admin-courses.controller.ts", COURSE_ADMIN);
    return new NestJsRouteReader(project.resolve("src"), names, "/api", SourceLocator.none(project))
        .read().routes().stream()
        .map(r -> r.key() + " " + r.describeAccess())
        .collect(Collectors.toSet());
  }

  @Test
  void aGuardThatIsNeitherJwtNorAdminRestrictsTheRouteByName() throws Exception {
    assertEquals(
        Set.of(
            "GET /admin/courses restricted by TeacherGuard",
            // a method guard adds to the class's: both role guards hold
            "PATCH /admin/courses/status/bulk restricted by TeacherGuard and AuthorGuard",
            "DELETE /admin/courses/{id} admin",
            // built in: the optional-JWT guard and the rate limiter restrict nobody
            "GET /courses/{id} public",
            "POST /courses/{courseId}/enroll authenticated"),
        accessOf(GuardNames.DEFAULTS));
  }

  @Test
  void thePomMapsGuardsToTheRolesTheyLetIn() throws Exception {
    GuardNames mapped =
        GuardNames.DEFAULTS.withGuardRoles(
            Map.of(
                "TeacherGuard", List.of("teacher", "admin"),
                "AuthorGuard", List.of("admin"),
                "OptionalJwtAuthGuard", List.of("authenticated")));

    assertEquals(
        Set.of(
            "GET /admin/courses restricted by TeacherGuard (roles teacher, admin)",
            "PATCH /admin/courses/status/bulk admin",
            "DELETE /admin/courses/{id} admin",
            "GET /courses/{id} authenticated",
            "POST /courses/{courseId}/enroll authenticated"),
        accessOf(mapped));
  }

  @Test
  void roleDecoratorsNameTheirRoles() throws Exception {
    OpenApiFixtures.write(
        project,
        "src/wiki/wiki-admin.controller.ts",
        """
        @Controller('admin/wiki')
        @UseGuards(JwtAuthGuard, RolesGuard)
        export class WikiAdminController {
          @Get()
          @Roles('author', Role.Admin)
          list() {}

          @Delete(':id')
          @Roles('admin')
          remove() {}
        }
        """);

    assertEquals(
        Set.of("GET /admin/wiki restricted by @Roles(author, admin)", "DELETE /admin/wiki/{id} admin"),
        read(project.resolve("src")).routes().stream()
            .map(r -> r.key() + " " + r.describeAccess())
            .collect(Collectors.toSet()));
  }
}
