package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.beelms.reference.RunningReferenceCore;
import org.beelms.smoke.client.ResidueEntry;
import org.beelms.smoke.config.SmokeMode;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every suite against a healthy reference beelms core, in both modes. */
class HealthyTargetIT {

  private static final String FREE_COURSE = "c0000000-0000-4000-8000-000000000001";

  private static RunningReferenceCore core;

  @BeforeAll
  static void startServer() {
    core = ReferenceServer.start();
  }

  @AfterAll
  static void stopServer() {
    core.close();
  }

  @Test
  void stagingRunPassesEveryChecklistItemAndRemovesItsThrowawayAccount(@TempDir Path reports)
      throws Exception {
    List<String> activeBefore = activeUserEmails();
    SmokeRunResult result = SmokeRuns.run(core, reports, config -> config.mode(SmokeMode.STAGING));

    assertEquals(0, result.exitCode(), () -> SmokeRuns.describe(result));
    assertAll(
        SmokeRuns.allItems().stream()
            .map(id -> () -> assertEquals(CheckStatus.PASSED, result.statusOf(id), id + "\n" + SmokeRuns.describe(result))));

    List<ResidueEntry> created = result.created();
    assertEquals(1, created.stream().filter(r -> r.what().startsWith("account ")).count(), created::toString);
    assertFalse(result.removed().isEmpty(), "the throwaway account must be removed");
    // The reference core deactivates a deleted account: the active users are those of before.
    assertEquals(activeBefore, activeUserEmails());

    String markdown = Files.readString(reports.resolve("checklist-report.md"));
    String html = Files.readString(reports.resolve("checklist-report.html"));
    assertTrue(markdown.contains("WS3-API-7"), "the report cites checklist IDs");
    try (Stream<Path> files = Files.walk(reports)) {
      List<Path> xml = files.filter(p -> p.toString().endsWith(".xml")).toList();
      assertFalse(xml.isEmpty(), "JUnit XML is written");
      for (Path report : Stream.concat(xml.stream(), Stream.of(reports.resolve("checklist-report.md"))).toList()) {
        String text = Files.readString(report);
        assertFalse(text.contains(ReferenceServer.ADMIN_PASSWORD), "admin password leaked in " + report);
        assertFalse(text.contains("Bearer ey"), "a token leaked in " + report);
      }
    }
    assertFalse(html.contains(ReferenceServer.ADMIN_PASSWORD));
  }

  @Test
  void productionRunLeavesUsersAndEnrollmentsExactlyAsTheyWere(@TempDir Path reports)
      throws Exception {
    String email = "smoke-prod-" + System.nanoTime() + "@example.test";
    String password = "Smoke-Prod-Pass-1";
    provisionSmokeAccount(email, password);
    Map<String, List<List<Object>>> before = snapshot("users", "enrollments");

    SmokeRunResult result =
        SmokeRuns.run(core, reports, config -> config.mode(SmokeMode.PRODUCTION).user(email, password));

    assertEquals(0, result.exitCode(), () -> SmokeRuns.describe(result));
    assertEquals(before, snapshot("users", "enrollments"));
    assertTrue(result.created().isEmpty(), () -> "production created " + result.created());
    for (String id : List.of("OPS-HEALTH-1", "OPS-DB-1", "WS1-API-1", "WS2-API-2", "WS2-API-3", "WS3-API-1", "WS3-API-4")) {
      assertEquals(CheckStatus.PASSED, result.statusOf(id), id + "\n" + SmokeRuns.describe(result));
    }
    assertEquals(CheckStatus.SKIPPED, result.statusOf("WS2-API-1"), "production never registers");
  }

  /** The pre-provisioned production smoke account: registered and enrolled once, beforehand. */
  private static void provisionSmokeAccount(String email, String password) {
    RequestSpecification api =
        new RequestSpecBuilder().setBaseUri(core.apiUri().toString()).setContentType(ContentType.JSON).build();
    io.restassured.RestAssured.given(api)
        .body(Map.of("email", email, "password", password))
        .post("/auth/register")
        .then()
        .statusCode(201);
    String token =
        io.restassured.RestAssured.given(api)
            .body(Map.of("email", email, "password", password))
            .post("/auth/login")
            .then()
            .statusCode(200)
            .extract()
            .path("accessToken");
    io.restassured.RestAssured.given(api)
        .header("Authorization", "Bearer " + token)
        .post("/courses/" + FREE_COURSE + "/enroll")
        .then()
        .statusCode(204);
  }

  private static List<String> activeUserEmails() throws Exception {
    List<String> emails = new ArrayList<>();
    try (Connection c = core.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select email from users where active order by email")) {
      while (rs.next()) {
        emails.add(rs.getString(1));
      }
    }
    return emails;
  }

  private static Map<String, List<List<Object>>> snapshot(String... tables) throws Exception {
    Map<String, List<List<Object>>> rows = new java.util.LinkedHashMap<>();
    try (Connection c = core.dataSource().getConnection(); Statement s = c.createStatement()) {
      for (String table : tables) {
        List<List<Object>> tableRows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select * from " + table + " order by 1")) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              row.add(String.valueOf(rs.getObject(i)));
            }
            tableRows.add(row);
          }
        }
        rows.put(table, tableRows);
      }
    }
    return rows;
  }
}
