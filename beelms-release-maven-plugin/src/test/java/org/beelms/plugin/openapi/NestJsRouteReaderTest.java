package org.beelms.plugin.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
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
}
