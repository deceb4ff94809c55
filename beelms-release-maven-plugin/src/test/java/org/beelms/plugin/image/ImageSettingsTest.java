package org.beelms.plugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSettingsTest {

  @TempDir Path work;

  private ImageSettings settings(String image, List<String> tags, Optional<RegistryCredentials> credentials)
      throws Exception {
    Path dist = Files.createDirectories(work.resolve("dist"));
    return new ImageSettings(image, tags, new BaseImage.Scratch(), TargetKind.REGISTRY, null,
        Optional.empty(), List.of(new ExtraDirectory(dist, "/app")), List.of("node", "/app/main.js"),
        credentials, false, work.resolve("out"), work.resolve("cache"), Optional.empty());
  }

  @Test
  void toStringNeverShowsThePassword() throws Exception {
    ImageSettings settings =
        settings("127.0.0.1:5000/beelms/core", List.of("v0.1.0"),
            Optional.of(RegistryCredentials.fromServer("beelms-registry", "release", "hunter2-secret")));

    assertFalse(settings.toString().contains("hunter2-secret"), settings.toString());
    assertTrue(settings.toString().contains("beelms-registry"), settings.toString());
    assertEquals("127.0.0.1:5000", settings.registry());
    assertEquals("beelms/core", settings.repository());
  }

  @Test
  void refusesAnImageWithATagAndNamesTheProperty() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> settings("127.0.0.1:5000/beelms/core:latest", List.of("v0.1.0"), Optional.empty()));
    assertTrue(e.getMessage().contains("-Dbeelms.image.image"), e.getMessage());
  }

  @Test
  void refusesRegistryCredentialsInTheImageWithoutShowingThem() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> settings("ci:S3cret-pw@127.0.0.1:5000/beelms/core", List.of("v0.1.0"), Optional.empty()));
    assertTrue(e.getMessage().startsWith("<image> / -Dbeelms.image.image carries user info"), e.getMessage());
    assertFalse(e.getMessage().contains("S3cret-pw"), e.getMessage());
  }

  @Test
  void refusesAnInvalidTag() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> settings("beelms/core", List.of("v0.1.0", "not a tag"), Optional.empty()));
    assertTrue(e.getMessage().contains("'not a tag'"), e.getMessage());
  }

  @Test
  void needsSomethingToRun() throws Exception {
    Path dist = Files.createDirectories(work.resolve("dist"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> new ImageSettings("beelms/core", List.of("v0.1.0"), new BaseImage.Scratch(),
                TargetKind.TAR, work.resolve("image.tar"), Optional.empty(),
                List.of(new ExtraDirectory(dist, "/app")), List.of(), Optional.empty(), false,
                work, work.resolve("cache"), Optional.empty()));
    assertTrue(e.getMessage().contains("-Dbeelms.image.entrypoint"), e.getMessage());
  }

  @Test
  void parsesBaseImages() throws Exception {
    Path tar = Files.writeString(work.resolve("base.tar"), "x");
    assertInstanceOf(BaseImage.Scratch.class, BaseImage.parse("scratch", "<from>"));
    assertEquals(new BaseImage.Tar(tar), BaseImage.parse("tar:" + tar, "<from>"));
    assertEquals(new BaseImage.Registry("eclipse-temurin:17-jre"), BaseImage.parse(BaseImage.DEFAULT, "<from>"));
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class,
            () -> BaseImage.parse("tar:" + work.resolve("nope.tar"), "<from> / -Dbeelms.image.from"));
    assertTrue(missing.getMessage().contains("-Dbeelms.image.from"), missing.getMessage());
  }

  @Test
  void parsesExtraDirectoriesRelativeToTheProject() throws Exception {
    Files.createDirectories(work.resolve("dist"));
    assertEquals(new ExtraDirectory(work.resolve("dist"), "/app"),
        ExtraDirectory.parse("dist:/app", work, "<extraDirectories>"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> ExtraDirectory.parse("build:/app", work, "<extraDirectories>"));
    assertTrue(e.getMessage().contains("build:/app"), e.getMessage());
  }

  @Test
  void credentialsComeFromTheEnvironmentWhenSet() {
    assertEquals(Optional.empty(), RegistryCredentials.fromEnvironment(Map.of()));
    RegistryCredentials env =
        RegistryCredentials.fromEnvironment(
                Map.of(RegistryCredentials.ENV_USERNAME, "ci", RegistryCredentials.ENV_PASSWORD, "tok"))
            .orElseThrow();
    assertEquals("ci", env.username());
    assertTrue(env.source().contains(RegistryCredentials.ENV_USERNAME));
    assertFalse(env.toString().contains("tok"), env.toString());
  }

  @Test
  void parsesTargets() {
    assertEquals(TargetKind.REGISTRY, TargetKind.parse("Registry", "<to>"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TargetKind.parse("s3", "<to> / -Dbeelms.image.to"));
    assertTrue(e.getMessage().contains("tar, registry, docker"), e.getMessage());
  }
}
