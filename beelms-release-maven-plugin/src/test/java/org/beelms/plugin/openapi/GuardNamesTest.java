package org.beelms.plugin.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spring and JAX-RS role annotations as the class-file reader hands them over (string values). */
class GuardNamesTest {

  private static String describe(String annotation, String arguments) {
    return GuardNames.DEFAULTS.guard(annotation, arguments, false).map(Guard::describe).orElse("none");
  }

  @Test
  void roleAnnotationsAreReadForTheirRoles() {
    assertEquals("restricted by @RolesAllowed(teacher)",
        describe("jakarta.annotation.security.RolesAllowed", "teacher"));
    assertEquals("admin", describe("jakarta.annotation.security.RolesAllowed", "admin"));
    assertEquals("restricted by @Secured(teacher, admin)",
        describe("org.springframework.security.access.annotation.Secured", "ROLE_TEACHER ROLE_ADMIN"));
    assertEquals("restricted by @PreAuthorize(teacher, admin)",
        describe("org.springframework.security.access.prepost.PreAuthorize",
            "hasRole('TEACHER') or hasAnyRole('ADMIN')"));
    assertEquals("authenticated",
        describe("org.springframework.security.access.prepost.PreAuthorize", "isAuthenticated()"));
  }

  @Test
  void anExpressionThatNamesNoRoleIsQuotedNotInterpreted() {
    assertEquals("restricted by @PreAuthorize(@courses.isOwner(#id))",
        describe("org.springframework.security.access.prepost.PreAuthorize", "@courses.isOwner(#id)"));
  }

  @Test
  void anUnknownAnnotationOutsideUseGuardsSaysNothing() {
    assertEquals(Optional.empty(), GuardNames.DEFAULTS.guard("com.acme.Logged", "", false));
    assertEquals("restricted by MonitoringGuard", GuardNames.DEFAULTS.guard("MonitoringGuard", "", true)
        .orElseThrow().describe());
  }

  @Test
  void aMappingWithoutRolesIsRejectedNamingTheGuard() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GuardNames.DEFAULTS.withGuardRoles(Map.of("TeacherGuard", List.of(" "))));
    assertEquals("<guardRoles><TeacherGuard> names no role; write the roles it lets in (teacher,admin),"
        + " public or authenticated", e.getMessage());
  }
}
