package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.beelms.reference.RunningReferenceCore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn verify -Psmoke -Dtarget=staging} on a throwaway copy of the reference beelms core
 * whose POM declares its environments and the {@code smoke} profile exactly as
 * docs/goals/smoke.md shows, against a running reference server.
 */
class SmokeGoalIT {

  private static final String ADMIN_SERVER = "beelms-staging-admin";

  /** The plugin with the environments, in pluginManagement so every beelms goal sees them. */
  private static String pluginManagement(String stagingUrl) {
    return MavenBuild.pluginManagement("""
                    <environment>
                      <name>staging</name>
                      <url>%s</url>
                      <mode>staging</mode>
                      <imageTag>staging</imageTag>
                      <adminServerId>%s</adminServerId>
                      <expectedVersion>%s</expectedVersion>
                      <properties>
                        <beelms.smoke.readyTimeout>PT30S</beelms.smoke.readyTimeout>
                      </properties>
                    </environment>
                    <environment>
                      <name>production</name>
                      <url>https://beelms.example.org/api</url>
                      <mode>production</mode>
                      <imageTag>production</imageTag>
                      <serverId>beelms-production</serverId>
                    </environment>
        """.formatted(stagingUrl, ADMIN_SERVER, ReferenceServer.VERSION));
  }

  /** The profile of docs/goals/smoke.md: binds beelms:smoke to verify. */
  private static final String SMOKE_PROFILE =
      """
        <profiles>
          <profile>
            <id>smoke</id>
            <build>
              <plugins>
                <plugin>
                  <groupId>org.beelms</groupId>
                  <artifactId>beelms-release-maven-plugin</artifactId>
                  <executions>
                    <execution>
                      <id>smoke</id>
                      <phase>verify</phase>
                      <goals>
                        <goal>smoke</goal>
                      </goals>
                    </execution>
                  </executions>
                </plugin>
              </plugins>
            </build>
          </profile>
        </profiles>
      """;

  /** A copy of the reference core whose POM declares staging at {@code stagingUrl}, plus a settings file. */
  private static Path project(Path work, String stagingUrl) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    Path pom = project.resolve("pom.xml");
    String text = Files.readString(pom, StandardCharsets.UTF_8);
    assertEquals(1, text.split("\n  <build>\n", -1).length - 1, "one <build> in the reference core POM");
    text =
        text.replace("\n  <build>\n", "\n  <build>\n" + pluginManagement(stagingUrl))
            .replace("</project>", SMOKE_PROFILE + "</project>");
    Files.writeString(pom, text, StandardCharsets.UTF_8);
    ReferenceServer.writeAdminSettings(work.resolve("settings.xml"), ADMIN_SERVER);
    return project;
  }

  private static JsonNode record(Path project) throws Exception {
    return new ObjectMapper()
        .readTree(project.resolve("target/beelms-release/smoke-staging.json").toFile());
  }

  private static Map<String, String> items(JsonNode record) {
    Map<String, String> items = new HashMap<>();
    record.get("items").forEach(i -> items.put(i.get("id").asText(), i.get("status").asText()));
    return items;
  }

  @Test
  void verifyWithTheSmokeProfileSmokeTestsStaging(@TempDir Path work) throws Exception {
    try (RunningReferenceCore core = ReferenceServer.start()) {
      Path project = project(work, core.apiUri().toString());

      MavenBuild.Result build =
          MavenBuild.in(project)
              .args("verify", "-Psmoke", "-Dtarget=staging", "-DskipTests",
                  "-s", work.resolve("settings.xml").toString())
              .run();

      assertEquals(0, build.exitCode(), build.log());
      assertTrue(build.log().contains("--- beelms:" + MavenBuild.requiredProperty("beelms.version")
          + ":smoke (smoke) @ beelms-reference-core ---"), build.log());
      assertTrue(build.log().contains("environment staging at " + core.apiUri()), build.log());
      assertFalse(build.log().contains(ReferenceServer.ADMIN_PASSWORD), "the admin password was logged");
      Path reports = project.resolve("target/beelms-smoke/staging");
      assertTrue(Files.exists(reports.resolve("checklist-report.md")), build.log());
      assertTrue(Files.exists(reports.resolve("checklist-report.html")));
      assertTrue(Files.exists(reports.resolve("TEST-junit-jupiter.xml")));
      assertFalse(Files.readString(reports.resolve("TEST-junit-jupiter.xml")).contains(ReferenceServer.ADMIN_PASSWORD));

      JsonNode record = record(project);
      assertEquals("staging", record.get("environment").asText());
      assertEquals(core.apiUri().toString(), record.get("url").asText());
      assertEquals("staging", record.get("mode").asText());
      assertEquals("staging", record.get("imageTag").asText());
      assertEquals(ReferenceServer.VERSION, record.get("expectedVersion").asText());
      assertEquals("PASSED", record.get("status").asText(), record.toString());
      assertEquals(0, record.get("exitCode").asInt());
      assertEquals(0, record.get("counts").get("failed").asInt());
      assertEquals("PASSED", items(record).get("WS3-API-1"));
      assertEquals("PASSED", items(record).get("WS1-DEMO-2"), "admin account from settings.xml in use");
      assertFalse(Files.readString(project.resolve("target/beelms-release/smoke-staging.json"))
          .contains(ReferenceServer.ADMIN_PASSWORD));
    }
  }

  @Test
  void unknownTargetFailsListingTheKnownOnes(@TempDir Path work) throws Exception {
    Path project = project(work, "http://127.0.0.1:9/api");

    MavenBuild.Result build =
        MavenBuild.in(project)
            .args("-Psmoke", MavenBuild.pluginGoal("smoke"), "-Dtarget=nowhere",
                "-s", work.resolve("settings.xml").toString())
            .run();

    assertNotEquals(0, build.exitCode(), build.log());
    assertTrue(build.log().contains("-Dtarget=nowhere names no declared environment; known environments: staging, production"),
        build.log());
    assertFalse(Files.exists(project.resolve("target/beelms-release/smoke-nowhere.json")));
  }

  @Test
  void aFailingCheckFailsTheBuildNamingItsItem(@TempDir Path work) throws Exception {
    try (RunningReferenceCore faulty = ReferenceServer.start(s -> s.fault500("GET /courses"))) {
      Path project = project(work, "http://127.0.0.1:9/api");

      MavenBuild.Result build =
          MavenBuild.in(project)
              .args("verify", "-Psmoke", "-Dtarget=staging", "-DskipTests",
                  "-Dbeelms.smoke.url=" + faulty.apiUri(),
                  "-s", work.resolve("settings.xml").toString())
              .run();

      assertNotEquals(0, build.exitCode(), build.log());
      assertTrue(build.log().contains("[ERROR]   [ERROR] WS3-API-1 "), build.log());
      assertTrue(build.log().contains("GET " + faulty.apiUri() + "/courses"), build.log());
      assertTrue(build.log().contains("Release gate(s) failed: smoke"), build.log());

      JsonNode record = record(project);
      assertEquals("FAILED", record.get("status").asText());
      assertTrue(record.get("urlOverridden").asBoolean());
      assertEquals(faulty.apiUri().toString(), record.get("url").asText());
      assertEquals("FAILED", items(record).get("WS3-API-1"));
      assertTrue(Files.readString(project.resolve("target/beelms-smoke/staging/checklist-report.md"))
          .contains("WS3-API-1"));
    }
  }
}
