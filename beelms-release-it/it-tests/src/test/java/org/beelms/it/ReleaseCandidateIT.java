package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn beelms:release-candidate} on a throwaway copy of the reference beelms core: every
 * gate passes on the healthy project, and injected defects fail exactly their gates while the run
 * keeps going and writes the summary.
 */
class ReleaseCandidateIT {

  private static final String WAIVERS = "-Dbeelms.dod.waivers=docs/delivery/dod-waivers.yaml";

  private static Map<String, String> gateStatuses(Path project) throws Exception {
    JsonNode summary =
        new ObjectMapper().readTree(project.resolve("target/beelms-release/summary.json").toFile());
    Map<String, String> statuses = new LinkedHashMap<>();
    summary.forEach(gate -> statuses.put(gate.get("gate").asText(), gate.get("status").asText()));
    return statuses;
  }

  @Test
  void healthyReferenceCorePassesEveryGate(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");

    MavenBuild.Result build =
        MavenBuild.in(project)
            .args("compile", MavenBuild.pluginGoal("release-candidate"), "-Dbeelms.deriveVersion=true", WAIVERS)
            .run();

    assertEquals(0, build.exitCode(), build.log());
    assertEquals(
        Map.of(
            "scope-freeze", "PASSED",
            "openapi-check", "PASSED",
            "migrations-check", "PASSED",
            "dod-check", "PASSED"),
        gateStatuses(project));
    assertTrue(build.log().contains("Gate              Result      Time  Findings"), build.log());
    assertTrue(build.log().contains("release version 0.1.0 (tag v0.1.0)"), build.log());
    assertTrue(Files.exists(project.resolve("target/beelms-release/summary.md")));
  }

  @Test
  void defectsFailTheirGatesAndTheRunKeepsGoing(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    // Scope is not frozen: a file nobody committed.
    Files.writeString(project.resolve("hotfix-notes.txt"), "not committed");

    MavenBuild.Result build =
        MavenBuild.in(project)
            .args(
                "compile",
                MavenBuild.pluginGoal("release-candidate"),
                "-Dbeelms.deriveVersion=true",
                // No waivers and strict: the two open DoD items fail the gate.
                "-Dbeelms.dod.strict=true",
                "-Dbeelms.skip.migrations-check=true")
            .run();

    assertNotEquals(0, build.exitCode(), build.log());
    assertEquals(
        Map.of(
            "scope-freeze", "FAILED",
            "openapi-check", "PASSED",
            "migrations-check", "SKIPPED",
            "dod-check", "FAILED"),
        gateStatuses(project));
    assertTrue(build.log().contains("untracked file: hotfix-notes.txt"), build.log());
    assertTrue(build.log().contains("skipped by -Dbeelms.skip.migrations-check=true"), build.log());
    assertTrue(build.log().contains("Release gate(s) failed: scope-freeze, dod-check"), build.log());
  }

  @Test
  void helpGoalListsTheGates(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    MavenBuild.Result help = MavenBuild.in(project).args(MavenBuild.pluginGoal("help")).run();

    assertEquals(0, help.exitCode(), help.log());
    for (String goal :
        new String[] {"beelms:release-candidate", "beelms:scope-freeze", "beelms:openapi-check",
            "beelms:migrations-check", "beelms:dod-check", "beelms:image"}) {
      assertTrue(help.log().contains(goal), goal + " missing from help:\n" + help.log());
    }
  }
}
