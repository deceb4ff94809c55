package org.beelms.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.beelms.reference.api.ApiResources;
import org.junit.jupiter.api.Test;

class ApiRouteTest {

  @Test
  void routesDifferingOnlyInParameterNamesAreEqual() {
    assertEquals(ApiRoute.parse("GET /courses/{id}"), ApiRoute.parse("get /courses/{courseId}/"));
    assertNotEquals(ApiRoute.parse("GET /courses/{id}"), ApiRoute.parse("POST /courses/{id}"));
  }

  @Test
  void prefixIsStripped() {
    assertEquals("/wiki/articles/{slug}",
        ApiRoute.parse("GET /api/wiki/articles/{slug}").withoutPrefix("/api").path());
    assertEquals("/apis", ApiRoute.parse("GET /apis").withoutPrefix("/api").path());
  }

  @Test
  void malformedRoutesAreRejectedWithTheExpectedForm() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ApiRoute.parse("/courses"));
    assertTrue(error.getMessage().contains("GET /wiki/articles/{slug}"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ApiRoute.parse("FETCH /courses"));
  }

  @Test
  void resourceClassesDeclareBothTaskCompletionRoutes() {
    assertTrue(ApiResources.routes().contains(ApiResources.TASK_COMPLETE_ROUTE));
    assertTrue(ApiResources.routes().contains(ApiRoute.parse("POST /courses/{c}/curriculum/{i}/complete")));
  }
}
