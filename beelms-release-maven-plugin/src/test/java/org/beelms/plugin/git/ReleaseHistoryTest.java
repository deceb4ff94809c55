package org.beelms.plugin.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseHistoryTest {

  @TempDir Path dir;

  @Test
  void findsPreviousReleaseAndReadsFilesAsTheyWereThen() {
    try (TempGitRepo repo = TempGitRepo.init(dir)) {
      repo.write("db/migration/V1__init.sql", "create table a(id int);").commitAll("feat: init");
      repo.tag("v0.1.0");
      repo.write("db/migration/V1__init.sql", "create table a(id bigint);")
          .write("db/migration/V2__b.sql", "create table b(id int);")
          .commitAll("feat: b");
      repo.tag("v0.2.0").tag("not-a-release");
      repo.write("README.md", "x").commitAll("docs: readme");

      try (ReleaseHistory history = ReleaseHistory.open(dir.resolve("db"))) {
        List<ReleaseTag> tags = history.releaseTags();
        assertEquals(List.of("v0.2.0", "v0.1.0"), tags.stream().map(ReleaseTag::name).toList());

        ReleaseTag previous =
            history.previousRelease(SemanticVersion.parse("0.2.0")).orElseThrow();
        assertEquals("v0.1.0", previous.name());
        assertEquals(
            "create table a(id int);",
            new String(
                history.readAt(previous, "db/migration/V1__init.sql").orElseThrow(),
                StandardCharsets.UTF_8));
        assertTrue(history.readAt(previous, "db/migration/V2__b.sql").isEmpty());

        Map<String, byte[]> v2 = history.readTreeAt(tags.get(0), "db/migration");
        assertEquals(
            List.of("db/migration/V1__init.sql", "db/migration/V2__b.sql"),
            List.copyOf(v2.keySet()));
        assertEquals("v0.2.0", history.previousRelease(Optional.empty()).orElseThrow().name());
      }
    }
  }

  @Test
  void outsideARepositoryTheErrorNamesTheFolder(@TempDir Path elsewhere) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReleaseHistory.open(elsewhere));
    assertTrue(e.getMessage().startsWith(elsewhere.toString()), e.getMessage());
  }

  @Test
  void versionsOrderPreReleasesBeforeReleases() {
    SemanticVersion rc = SemanticVersion.parse("1.0.0-rc.1").orElseThrow();
    SemanticVersion ga = SemanticVersion.parse("1.0.0").orElseThrow();
    assertTrue(rc.compareTo(ga) < 0);
    assertTrue(SemanticVersion.parse("0.1.0-SNAPSHOT").orElseThrow().isSnapshot());
    assertEquals("v1.0.1", ga.nextPatch().tagName());
    assertTrue(SemanticVersion.fromTag("release-1.0.0").isEmpty());
  }
}
