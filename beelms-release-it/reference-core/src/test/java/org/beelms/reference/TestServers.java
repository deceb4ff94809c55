package org.beelms.reference;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Shared plumbing of the server tests: a test configuration, request specs, row counts. */
final class TestServers {

  static final String ADMIN_EMAIL = "admin@beelms.local";
  static final String ADMIN_PASSWORD = "Admin-Test-Pass-1";
  static final String FREE_COURSE = "c0000000-0000-4000-8000-000000000001";
  static final String PAID_COURSE = "c0000000-0000-4000-8000-000000000002";
  static final String DRAFT_COURSE = "c0000000-0000-4000-8000-000000000003";
  static final String TASK = "7a000000-0000-4000-8000-000000000001";
  static final String QUIZ = "9a000000-0000-4000-8000-000000000001";
  static final String[] QUESTIONS = {
      "9b000000-0000-4000-8000-000000000001",
      "9b000000-0000-4000-8000-000000000002",
      "9b000000-0000-4000-8000-000000000003"};
  static final int[] CORRECT_OPTIONS = {1, 0, 2};
  static final String WIKI_ITEM = "c1000000-0000-4000-8000-000000000001";

  private TestServers() {
  }

  /** Any free port, a fixed admin password, everything else default. */
  static ReferenceCoreConfigBuilder config() {
    return ReferenceCoreConfig.builder().port(0).adminPassword(ADMIN_PASSWORD);
  }

  /** JSON requests against the API of {@code core}. */
  static RequestSpecification api(RunningReferenceCore core) {
    return new RequestSpecBuilder()
        .setBaseUri(core.baseUri().toString())
        .setBasePath(core.config().apiPrefix())
        .setContentType(ContentType.JSON)
        .build();
  }

  /** Requests against the HTML pages of {@code core}. */
  static RequestSpecification pages(RunningReferenceCore core) {
    return new RequestSpecBuilder().setBaseUri(core.baseUri().toString()).build();
  }

  static long count(RunningReferenceCore core, String sql) {
    try (Connection connection = core.dataSource().getConnection();
         Statement statement = connection.createStatement();
         ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("count failed: " + sql, e);
    }
  }

  static String loginBody(String email, String password) {
    return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
  }
}
