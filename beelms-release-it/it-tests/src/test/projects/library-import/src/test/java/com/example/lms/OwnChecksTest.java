package com.example.lms;

import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.junit.BeelmsSmoke;
import org.beelms.smoke.junit.BeelmsTarget;
import org.junit.jupiter.api.Test;

/** A team's own checks, against the same target and session as the packaged suites. */
@BeelmsSmoke
class OwnChecksTest {

  @Test
  void wikiListsAtLeastThreeArticles(@BeelmsTarget BeelmsApi api) {
    api.given().get("/wiki/articles").then().statusCode(200).body("size()", greaterThanOrEqualTo(3));
  }

  @Test
  void adminSeesTheUserCount(@BeelmsTarget BeelmsApi api) {
    api.asAdmin().get("/admin/metrics/overview").then().statusCode(200).body("totalUsers", notNullValue());
  }
}
