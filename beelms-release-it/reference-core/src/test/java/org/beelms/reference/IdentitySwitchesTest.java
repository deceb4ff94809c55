package org.beelms.reference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity switches on a real server: the real core's health shape, an old identity answering on. */
class IdentitySwitchesTest {

  @TempDir Path dir;

  @Test
  void healthWithoutVersionAnswersStatusOkOnlyAndNamesTheVersionInAHeader() {
    ReferenceCoreConfig config = CommandLine.parse(
        new String[] {"--port", "0", "--admin-password", "admin-pass-1234", "--version", "0.2.0",
            "--health-without-version"}, Map.of());
    try (RunningReferenceCore core = ReferenceCore.start(config)) {
      String body = given(TestServers.api(core)).get("/health").then().statusCode(200)
          .header("X-App-Version", "0.2.0").extract().asString();
      assertEquals("{\"status\":\"ok\"}", body.replace(" ", ""));
    }
  }

  @Test
  void thePreviousIdentityKeepsAnsweringForTheGivenTimeThenTheRunningFileIsWritten() throws Exception {
    Path running = dir.resolve("running");
    Files.writeString(running, "registry/beelms/core@sha256:old\n");
    ReferenceCoreConfig config = CommandLine.parse(
        new String[] {"--port", "0", "--admin-password", "admin-pass-1234", "--version", "0.2.0",
            "--previous-version", "0.1.0", "--previous-for", "PT20S", "--running-file", running.toString(),
            "--running-image", "registry/beelms/core@sha256:new"}, Map.of());
    try (RunningReferenceCore core = ReferenceCore.start(config)) {
      // a plain request (REST Assured's first one can take seconds on a busy machine)
      java.net.http.HttpResponse<String> early = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(core.apiUri() + "/health")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertTrue(early.body().contains("\"version\":\"0.1.0\""), early.body());
      assertEquals("0.1.0", early.headers().firstValue("X-App-Version").orElse(""));
      assertEquals("registry/beelms/core@sha256:old", Files.readString(running).trim(), "still the old one");
      long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
      while (!Files.readString(running).contains("sha256:new") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals("registry/beelms/core@sha256:new", Files.readString(running).trim());
      given(TestServers.api(core)).get("/health").then().statusCode(200).body("version", equalTo("0.2.0"))
          .header("X-App-Version", "0.2.0");
    }
  }

  @Test
  void previousForWithoutAnythingToKeepAnsweringIsRefusedNamingTheFlags() {
    CommandLine.UsageException e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(
        new String[] {"--admin-password", "admin-pass-1234", "--previous-for", "PT5S"}, Map.of()));
    assertTrue(e.getMessage().contains("--previous-for needs --previous-version or --running-file"), e.getMessage());
    assertFalse(CommandLine.USAGE.indexOf("--health-without-version") < 0, "documented in --help");
  }
}
