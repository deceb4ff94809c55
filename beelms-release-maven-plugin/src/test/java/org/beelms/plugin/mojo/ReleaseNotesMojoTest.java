package org.beelms.plugin.mojo;

import static org.beelms.plugin.mojo.TagMojoTest.project;
import static org.beelms.plugin.mojo.TagMojoTest.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.beelms.plugin.release.ReleaseNotesSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter mapping of beelms:release-notes; {@code ReleaseNotesGeneratorTest} covers the notes. */
class ReleaseNotesMojoTest {

  @TempDir Path dir;

  @Test
  void releaseNotesLeaveTheChangelogAloneInADryRun() throws Exception {
    ReleaseNotesMojo mojo = new ReleaseNotesMojo();
    set(mojo, "project", project(dir, "0.2.0"));
    set(mojo, "outputDirectory", dir.resolve("target/beelms-release").toFile());
    set(mojo, "title", "beelms core");
    set(mojo, "locations", dir.resolve("db").toFile());
    set(mojo, "knownLimitations", dir.resolve("limits.md").toFile());
    set(mojo, "dodChecklist", dir.resolve("dod.md").toFile());
    set(mojo, "includeDod", true);
    set(mojo, "updateChangelog", true);
    set(mojo, "changelog", dir.resolve("CHANGELOG.md").toFile());
    ReleaseNotesSettings settings = mojo.settings();
    assertEquals(dir.resolve("CHANGELOG.md"), settings.changelog().orElseThrow());
    assertEquals(dir.resolve("dod.md"), settings.dod().orElseThrow().checklist());
    assertEquals(dir.resolve("target/beelms-release"), settings.reportDirectory());

    set(mojo, "dryRun", true);
    assertTrue(mojo.settings().changelog().isEmpty());
  }
}
