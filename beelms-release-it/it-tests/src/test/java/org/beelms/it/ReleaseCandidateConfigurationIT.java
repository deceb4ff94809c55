package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn beelms:release-candidate} configured from the POM, the way Maven users configure
 * plugins: the reference core with its spec and migrations moved out of the default places, so a
 * gate that ignored the POM would fail ("spec not found", "migrations folder does not exist") and
 * one that read it passes. Each gate must read what {@code mvn beelms:<gate>} alone would read.
 */
class ReleaseCandidateConfigurationIT {

  private static final PersonIdent AUTHOR = new PersonIdent("Demo Release", "demo@example.test");

  /** Every gate setting the relocated project needs, as a POM {@code <configuration>} body. */
  private static final String SETTINGS =
      """
                <spec>${project.basedir}/api/openapi.yaml</spec>
                <locations>${project.basedir}/database/migrations</locations>
                <waivers>docs/delivery/dod-waivers.yaml</waivers>
                <deriveVersion>true</deriveVersion>
      """;

  @Test
  void settingsOnlyInThePluginConfigurationReachEveryGateAndArtifact(@TempDir Path work)
      throws Exception {
    Path project =
        relocated(
            work,
            "<configuration>"
                + SETTINGS
                + "<from>scratch</from>"
                + "<mainClass>org.beelms.reference.ReferenceCoreMain</mainClass>"
                + "<dryRun>true</dryRun>"
                + "</configuration>");

    MavenBuild.Result build =
        MavenBuild.in(project).args("compile", "beelms:release-candidate").run();

    assertEquals(0, build.exitCode(), build.log());
    Map<String, String> statuses = DemoProject.gateStatuses(project);
    statuses.forEach((gate, status) -> assertEquals("PASSED", status, gate + ":\n" + build.log()));
    assertEquals(9, statuses.size(), statuses.toString());
    JsonNode record =
        new ObjectMapper().readTree(project.resolve("target/beelms-release/release.json").toFile());
    // The record read the relocated migrations too (the same <locations> as migrations-check).
    assertEquals("3", record.get("flyway").get("targetVersion").asText(), record.toString());
    assertTrue(record.get("dryRun").asBoolean());
  }

  @Test
  void settingsOnlyInAnExecutionApplyToThatExecution(@TempDir Path work) throws Exception {
    Path project =
        relocated(
            work,
            "<executions><execution><id>rc</id><configuration>"
                + SETTINGS
                + "<artifacts>false</artifacts>"
                + "</configuration></execution></executions>");

    MavenBuild.Result build =
        MavenBuild.in(project).args("compile", "beelms:release-candidate@rc").run();

    assertEquals(0, build.exitCode(), build.log());
    assertEquals(
        Map.of(
            "scope-freeze", "PASSED",
            "openapi-check", "PASSED",
            "migrations-check", "PASSED",
            "dod-check", "PASSED"),
        DemoProject.gateStatuses(project));

    // Without @rc the execution's settings do not apply, exactly as for beelms:openapi-check.
    MavenBuild.Result other =
        MavenBuild.in(project)
            .args("compile", "beelms:release-candidate", "-Dbeelms.release-candidate.artifacts=false",
                "-Dbeelms.skip.migrations-check=true")
            .run();
    assertFalse(other.exitCode() == 0, other.log());
    assertEquals("FAILED", DemoProject.gateStatuses(project).get("openapi-check"), other.log());
  }

  @Test
  void commandLinePropertiesOverrideThePomWhereMavenLetsThem(@TempDir Path work) throws Exception {
    // A literal POM value wins over -D for the same parameter (Maven's rule for every goal); an
    // expression in the POM, or a parameter the POM leaves out, takes the -D value.
    Path project =
        relocated(
            work,
            "<configuration>"
                + "<spec>${openapi.spec}</spec>"
                + "<locations>${project.basedir}/database/migrations</locations>"
                + "<waivers>docs/delivery/dod-waivers.yaml</waivers>"
                + "<artifacts>false</artifacts>"
                + "</configuration>",
            "<openapi.spec>${project.basedir}/docs/architecture/openapi.yaml</openapi.spec>");

    MavenBuild.Result build =
        MavenBuild.in(project)
            .args(
                "compile",
                "beelms:release-candidate",
                // expression in the POM: the command line wins
                "-Dopenapi.spec=" + project.resolve("api/openapi.yaml"),
                // literal in the POM: the POM wins, as for mvn beelms:dod-check alone
                "-Dbeelms.dod.waivers=docs/delivery/no-such-waivers.yaml",
                // not in the POM: the property applies
                "-Dbeelms.skip.migrations-check=true",
                "-Dbeelms.deriveVersion=true")
            .run();

    assertEquals(0, build.exitCode(), build.log());
    Map<String, String> statuses = DemoProject.gateStatuses(project);
    assertEquals("PASSED", statuses.get("openapi-check"), build.log());
    assertEquals("SKIPPED", statuses.get("migrations-check"), build.log());
    assertEquals("PASSED", statuses.get("dod-check"), build.log());

    // The gate on its own behaves the same: the POM's literal waivers win over -D.
    MavenBuild.Result alone =
        MavenBuild.in(project)
            .args("beelms:dod-check", "-Dbeelms.dod.waivers=docs/delivery/no-such-waivers.yaml")
            .run();
    assertEquals(0, alone.exitCode(), alone.log());
  }

  /**
   * The reference core with its spec under {@code api/} and its migrations under {@code
   * database/migrations}, the plugin declared in its POM with {@code pluginXml} (configuration
   * and/or executions), and optional POM {@code <properties>} entries; all committed.
   */
  private static Path relocated(Path work, String pluginXml, String... properties)
      throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    Files.createDirectories(project.resolve("api"));
    Files.move(
        project.resolve("docs/architecture/openapi.yaml"), project.resolve("api/openapi.yaml"));
    Files.createDirectories(project.resolve("database"));
    Files.move(
        project.resolve("src/main/resources/db/migration"),
        project.resolve("database/migrations"));
    Path pom = project.resolve("pom.xml");
    String text = Files.readString(pom, StandardCharsets.UTF_8);
    String plugin =
        "<plugin><groupId>org.beelms</groupId><artifactId>beelms-release-maven-plugin</artifactId>"
            + "<version>"
            + MavenBuild.requiredProperty("beelms.version")
            + "</version>"
            + pluginXml
            + "</plugin>";
    text = text.replaceFirst("<plugins>", "<plugins>" + java.util.regex.Matcher.quoteReplacement(plugin));
    if (properties.length > 0) {
      text =
          text.replaceFirst(
              "</description>",
              "</description><properties>"
                  + java.util.regex.Matcher.quoteReplacement(String.join("", properties))
                  + "</properties>");
    }
    Files.writeString(pom, text, StandardCharsets.UTF_8);
    try (Git git = Git.open(project.toFile())) {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      git.commit().setMessage("chore: release settings in the POM").setAuthor(AUTHOR)
          .setCommitter(AUTHOR).call();
    }
    return project;
  }
}
