package org.beelms.plugin.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.beelms.plugin.git.ReleaseTaggerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter mapping of beelms:tag; {@code ReleaseTaggerTest} covers the tagging. */
class TagMojoTest {

  @TempDir Path dir;

  static MavenProject project(Path dir, String version) {
    MavenProject project = new MavenProject();
    project.setFile(dir.resolve("pom.xml").toFile());
    project.setVersion(version);
    return project;
  }

  static void set(Object mojo, String field, Object value) throws Exception {
    Class<?> type = mojo.getClass();
    while (type != null) {
      try {
        Field f = type.getDeclaredField(field);
        f.setAccessible(true);
        f.set(mojo, value);
        return;
      } catch (NoSuchFieldException e) {
        type = type.getSuperclass();
      }
    }
    throw new IllegalArgumentException("no field " + field);
  }

  private TagMojo tagMojo(File messageFile) throws Exception {
    TagMojo mojo = new TagMojo();
    set(mojo, "project", project(dir, "0.2.0"));
    set(mojo, "outputDirectory", dir.resolve("target/beelms-release").toFile());
    set(mojo, "messageFile", messageFile);
    set(mojo, "taggerName", ReleaseTaggerSettings.DEFAULT_NAME);
    set(mojo, "taggerEmail", ReleaseTaggerSettings.DEFAULT_EMAIL);
    set(mojo, "remote", "origin");
    set(mojo, "settings", new Settings());
    return mojo;
  }

  @Test
  void mapsTheSummaryFileToTheTagMessage() throws Exception {
    Path summary = dir.resolve("summary.txt");
    Files.writeString(summary, "beelms core 0.2.0\n");
    TagMojo mojo = tagMojo(summary.toFile());
    set(mojo, "dryRun", true);
    ReleaseTaggerSettings settings = mojo.settings();
    assertEquals("beelms core 0.2.0\n", settings.message());
    assertEquals("0.2.0", settings.projectVersion());
    assertTrue(settings.dryRun());
    assertFalse(settings.push());
  }

  @Test
  void aMissingSummaryNamesTheGoalAndTheProperty() throws Exception {
    TagMojo mojo = tagMojo(dir.resolve("none.txt").toFile());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, mojo::settings);
    assertTrue(e.getMessage().contains("run beelms:release-notes first"), e.getMessage());
    assertTrue(e.getMessage().contains("-Dbeelms.tag.messageFile"), e.getMessage());
  }

  @Test
  void anUnknownServerIdIsAConfigurationError() throws Exception {
    Path summary = dir.resolve("summary.txt");
    Files.writeString(summary, "m");
    TagMojo mojo = tagMojo(summary.toFile());
    set(mojo, "push", true);
    set(mojo, "serverId", "git-host");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, mojo::settings);
    assertTrue(e.getMessage().startsWith(
        "<serverId> / -Dbeelms.tag.serverId names server 'git-host', which is not in settings.xml"),
        e.getMessage());
  }
}
