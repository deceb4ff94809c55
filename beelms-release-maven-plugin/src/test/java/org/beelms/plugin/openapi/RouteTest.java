package org.beelms.plugin.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTest {

  @Test
  void normalizesSlashesRegexParametersAndNestParameters() {
    assertEquals("/courses/{id}/enroll", Route.normalize("courses//{id: [0-9]+}/enroll/"));
    assertEquals("/courses/{id}", Route.normalize("/courses/:id"));
    assertEquals("/a/{b}", Route.join("", "/a/", ":b?"));
    assertEquals("/", Route.normalize(""));
  }

  @Test
  void matchesRoutesByShapeWhateverTheParameterNames() {
    Route spec = new Route("get", "/courses/{courseId}", Access.PUBLIC, "");
    Route code = new Route("GET", "/courses/{id}", Access.PUBLIC, "");

    assertEquals(spec.shapeKey(), code.shapeKey());
    assertEquals(List.of("courseId"), spec.pathParameters());
  }

  @Test
  void stripsThePrefixSegmentWise() {
    assertEquals("/wiki", Route.stripPrefix("/api/wiki", "/api"));
    assertEquals("/apiary", Route.stripPrefix("/apiary", "/api"));
  }

  @Test
  void scopeMatchesTheWalkingSkeletonPatternsAndHealth() {
    ApiScope scope = ApiScope.parse("ws1,ws2", ApiScope.DEFAULT_PATTERNS, "scope");

    assertTrue(scope.contains("/wiki"));
    assertTrue(scope.contains("/wiki/articles/{slug}"));
    assertTrue(scope.contains("/users/me"));
    assertTrue(scope.contains("/health"));
    assertFalse(scope.contains("/users/me/courses"));
    assertFalse(scope.contains("/admin/users"));
    assertTrue(ApiScope.all().contains("/anything/else"));
  }

  @Test
  void unknownWalkingSkeletonNamesTheSetting() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ApiScope.parse("ws9", ApiScope.DEFAULT_PATTERNS, "<scope> / -Dbeelms.openapi.scope"));
    assertTrue(e.getMessage().startsWith("<scope> / -Dbeelms.openapi.scope names 'ws9'"), e.getMessage());
  }
}
