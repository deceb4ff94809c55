package org.beelms.plugin.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.git.TempGitRepo;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasePreparationTest {

  private static final String ROOT_POM = """
      <?xml version="1.0" encoding="UTF-8"?>
      <project>
        <modelVersion>4.0.0</modelVersion>
        <groupId>org.example</groupId>
        <artifactId>lms-parent</artifactId>
        <!-- the release version; beelms:prepare writes it -->
        <version>0.1.1-SNAPSHOT</version>
        <packaging>pom</packaging>
        <modules><module>core</module></modules>
        <dependencies>
          <dependency>
            <groupId>org.other</groupId>
            <artifactId>lib</artifactId>
            <version>0.1.1-SNAPSHOT</version>
          </dependency>
        </dependencies>
      </project>
      """;
  private static final String MODULE_POM = """
      <project>
        <parent>
          <groupId>org.example</groupId>
          <artifactId>lms-parent</artifactId>
          <version>0.1.1-SNAPSHOT</version>
        </parent>
        <artifactId>core</artifactId>
      </project>
      """;
  private static final String SPEC = """
      openapi: 3.0.3
      info:
        title: beelms
        version: "0.1.0" # kept in step with the pom
      paths: {}
      """;

  @TempDir Path dir;

  private TempGitRepo reactor() {
    TempGitRepo repo = TempGitRepo.init(dir);
    repo.write("pom.xml", ROOT_POM).write("core/pom.xml", MODULE_POM)
        .write("docs/architecture/openapi.yaml", SPEC).commitAll("feat: first");
    repo.tag("v0.1.0");
    repo.write("core/A.java", "class A {}").commitAll("feat(courses): list courses");
    return repo;
  }

  private TempGitRepo nest() {
    TempGitRepo repo = TempGitRepo.init(dir);
    repo.write("pom.xml", ROOT_POM)
        .write("be/package.json", "{\n  \"name\": \"lms-be\",\n  \"version\": \"0.1.0\",\n"
            + "  \"dependencies\": {\n    \"x\": { \"version\": \"1.0.0\" }\n  }\n}\n")
        .write("be/package-lock.json", "{\n  \"name\": \"lms-be\",\n  \"version\": \"0.1.0\",\n"
            + "  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": {\n      \"name\": \"lms-be\",\n"
            + "      \"version\": \"0.1.0\"\n    },\n    \"node_modules/x\": {\n"
            + "      \"version\": \"0.1.0\"\n    }\n  }\n}\n")
        .write("fe/package.json", "{\"name\":\"lms-fe\",\"version\":\"0.1.0\",\"private\":true}\n")
        .commitAll("feat: first");
    repo.tag("v0.1.0");
    repo.write("be/src/a.ts", "export const a = 1;\n").commitAll("fix(be): paging");
    return repo;
  }

  private PrepareSettings settings(List<String> jsons, Optional<String> explicit, boolean next,
      boolean dryRun) {
    List<Path> poms = new ArrayList<>(List.of(dir.resolve("pom.xml")));
    if (Files.exists(dir.resolve("core/pom.xml"))) {
      poms.add(dir.resolve("core/pom.xml"));
    }
    return new PrepareSettings(dir, poms, jsons.stream().map(dir::resolve).toList(),
        Optional.of(dir.resolve("docs/architecture/openapi.yaml")), "0.1.1-SNAPSHOT", explicit,
        next, false, dryRun, Optional.empty(), List.of(dir.resolve("be/src/migrations"), dir.resolve("be/src")));
  }

  /** The changed lines of HEAD's commit: "-old" and "+new", over every file. */
  private static List<String> headDiff(Repository repository) throws Exception {
    List<String> lines = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit head = walk.parseCommit(repository.resolve("HEAD"));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (DiffFormatter format = new DiffFormatter(out)) {
        format.setRepository(repository);
        format.setContext(0);
        for (DiffEntry entry : format.scan(walk.parseCommit(head.getParent(0)).getTree(), head.getTree())) {
          format.format(entry);
        }
      }
      for (String line : out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if ((line.startsWith("+") || line.startsWith("-")) && !line.startsWith("+++")
            && !line.startsWith("---")) {
          lines.add(line);
        }
      }
    }
    return lines.stream().sorted().toList();
  }

  private static List<String> sorted(String... lines) {
    return java.util.Arrays.stream(lines).sorted().toList();
  }

  private static String headMessage(TempGitRepo repo) throws Exception {
    try (RevWalk walk = new RevWalk(repo.git().getRepository())) {
      ObjectId head = repo.git().getRepository().resolve("HEAD");
      return walk.parseCommit(head).getShortMessage();
    }
  }

  private static String messages(GateResult result) {
    return result.findings().stream().map(f -> f.where() + " " + f.message()).toList().toString();
  }

  @Test
  void aReactorGetsTheDerivedVersionInItsPomsAndSpecInOneReleaseCommit() throws Exception {
    TempGitRepo repo = reactor();
    ReleasePreparation prep = new ReleasePreparation(settings(List.of(), Optional.empty(), false, false));
    GateResult result = prep.check(ReleaseListener.NONE);
    assertEquals(GateStatus.PASSED, result.status(), messages(result));
    assertTrue(messages(result).contains("release version 0.2.0: 1 feat since v0.1.0"), messages(result));
    assertEquals("chore(release): 0.2.0", headMessage(repo));
    assertEquals(sorted(
        "-  <version>0.1.1-SNAPSHOT</version>", "+  <version>0.2.0</version>",
        "-    <version>0.1.1-SNAPSHOT</version>", "+    <version>0.2.0</version>",
        "-  version: \"0.1.0\" # kept in step with the pom",
        "+  version: \"0.2.0\" # kept in step with the pom"), headDiff(repo.git().getRepository()));
    String pom = Files.readString(dir.resolve("pom.xml"));
    assertTrue(pom.contains("<!-- the release version; beelms:prepare writes it -->"), pom);
    assertTrue(pom.contains("<artifactId>lib</artifactId>\n      <version>0.1.1-SNAPSHOT</version>"),
        "a dependency's version is not the project's: " + pom);
    assertTrue(repo.git().status().call().isClean());
  }

  @Test
  void theNextSnapshotIsASecondCommitLeavingTheSpecAlone() throws Exception {
    TempGitRepo repo = reactor();
    ReleasePreparation prep = new ReleasePreparation(settings(List.of(), Optional.empty(), true, false));
    assertEquals(GateStatus.PASSED, prep.check(ReleaseListener.NONE).status());
    GateResult next = prep.nextDevelopmentVersion().check(ReleaseListener.NONE);
    assertEquals(GateStatus.PASSED, next.status(), messages(next));
    assertEquals("chore(release): prepare for next development iteration 0.2.1-SNAPSHOT", headMessage(repo));
    assertEquals(sorted(
        "-  <version>0.2.0</version>", "+  <version>0.2.1-SNAPSHOT</version>",
        "-    <version>0.2.0</version>", "+    <version>0.2.1-SNAPSHOT</version>"),
        headDiff(repo.git().getRepository()));
  }

  @Test
  void aNestJsRepositoryGetsBothPackageJsonsAndTheLockfilesOwnVersions() throws Exception {
    TempGitRepo repo = nest();
    ReleasePreparation prep = new ReleasePreparation(
        settings(List.of("be/package.json", "fe/package.json"), Optional.of("0.3.0"), false, false));
    GateResult result = prep.check(ReleaseListener.NONE);
    assertEquals(GateStatus.PASSED, result.status(), messages(result));
    assertEquals("chore(release): 0.3.0", headMessage(repo));
    assertEquals(sorted(
        "-  <version>0.1.1-SNAPSHOT</version>", "+  <version>0.3.0</version>",
        "-  \"version\": \"0.1.0\",", "+  \"version\": \"0.3.0\",",
        "-  \"version\": \"0.1.0\",", "+  \"version\": \"0.3.0\",",
        "-      \"version\": \"0.1.0\"", "+      \"version\": \"0.3.0\"",
        "-{\"name\":\"lms-fe\",\"version\":\"0.1.0\",\"private\":true}",
        "+{\"name\":\"lms-fe\",\"version\":\"0.3.0\",\"private\":true}"),
        headDiff(repo.git().getRepository()));
    assertTrue(Files.readString(dir.resolve("be/package-lock.json"))
        .contains("\"node_modules/x\": {\n      \"version\": \"0.1.0\""), "dependencies untouched");
    assertTrue(Files.readString(dir.resolve("be/package.json"))
        .contains("\"x\": { \"version\": \"1.0.0\" }"), "dependencies untouched");
  }

  @Test
  void anExplicitVersionNotAboveThePreviousTagIsRefusedAndNothingCommitted() throws Exception {
    TempGitRepo repo = nest();
    GateResult result = new ReleasePreparation(
        settings(List.of("be/package.json"), Optional.of("0.1.0"), false, false)).check(ReleaseListener.NONE);
    assertEquals(GateStatus.FAILED, result.status());
    assertTrue(messages(result).contains("-Dbeelms.releaseVersion=0.1.0 is not above the previous release v0.1.0"),
        messages(result));
    assertEquals("fix(be): paging", headMessage(repo));
  }

  @Test
  void aDryRunShowsTheDiffAndWritesNothing() throws Exception {
    TempGitRepo repo = reactor();
    GateResult result = new ReleasePreparation(settings(List.of(), Optional.empty(), false, true))
        .check(ReleaseListener.NONE);
    assertEquals(GateStatus.PASSED, result.status(), messages(result));
    List<String> lines = result.findings().stream().map(Finding::message).toList();
    assertTrue(lines.contains("line 7: - <version>0.1.1-SNAPSHOT</version>"), lines.toString());
    assertTrue(lines.contains("line 7: + <version>0.2.0</version>"), lines.toString());
    assertTrue(messages(result).contains("dry run: 3 file(s) would change"), messages(result));
    assertEquals(ROOT_POM, Files.readString(dir.resolve("pom.xml")));
    assertEquals("feat(courses): list courses", headMessage(repo));
  }

  @Test
  void aDirtyTreeIsRefusedNamingTheFiles() throws Exception {
    TempGitRepo repo = reactor();
    repo.write("core/A.java", "class A { int x; }").write("notes.txt", "wip");
    GateResult result = new ReleasePreparation(settings(List.of(), Optional.empty(), false, false))
        .check(ReleaseListener.NONE);
    assertEquals(GateStatus.FAILED, result.status());
    assertTrue(messages(result).contains("uncommitted: core/A.java; untracked: notes.txt"), messages(result));
    assertEquals(ROOT_POM, Files.readString(dir.resolve("pom.xml")));
    assertEquals("feat(courses): list courses", headMessage(repo));
  }

  @Test
  void warnsAboutAPackageJsonNextToTheMigrationsOrRoutesThatIsNotInTheList() throws Exception {
    try (TempGitRepo repo = nest()) {
      GateResult left = new ReleasePreparation(settings(List.of(), Optional.empty(), false, true))
          .check(ReleaseListener.NONE);
      List<Finding> warnings = left.findingsAtLeast(org.beelms.plugin.gate.Severity.WARNING);
      assertEquals(1, warnings.size(), left.toString());
      assertEquals("be/package.json sits with be/src/migrations but is not in <packageJsons>; its version is"
          + " not set to the release", warnings.get(0).message());
      assertTrue(warnings.get(0).fix().startsWith(
          "add <packageJsons><packageJson>be/package.json</packageJson></packageJsons>"), warnings.get(0).fix());
      assertEquals(GateStatus.PASSED, left.status(), "a warning, not a failure");

      GateResult listed = new ReleasePreparation(settings(List.of("be/package.json"), Optional.empty(), false, true))
          .check(ReleaseListener.NONE);
      assertEquals(List.of(), listed.findingsAtLeast(org.beelms.plugin.gate.Severity.WARNING));
    }
  }
}
