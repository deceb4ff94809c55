package org.beelms.plugin.image;

import static org.beelms.plugin.image.ImagePublisherTest.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.beelms.plugin.gate.ReleaseListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LoopbackRegistry.Extension.class)
class ManifestCopyTest {

  @TempDir Path work;

  private ImageResult push(LoopbackRegistry registry, String repository, String content,
      Optional<RegistryCredentials> credentials) throws Exception {
    return push(registry, repository, content, credentials, ImageInputs.TAGS);
  }

  private ImageResult push(LoopbackRegistry registry, String repository, String content,
      Optional<RegistryCredentials> credentials, List<String> tags) throws Exception {
    Path dist = ImageInputs.appFolder(work.resolve(content), content, Instant.EPOCH);
    return new ImagePublisher(
            ImageInputs.withTags(ImageInputs.plain(work.resolve("run-" + content), dist, new BaseImage.Scratch(),
                TargetKind.REGISTRY, registry.image(repository), true, credentials), tags),
            ReleaseListener.NONE)
        .publish();
  }

  @Test
  void copiesAManifestToANewTagKeepingTheDigest(LoopbackRegistry registry) throws Exception {
    ImageResult pushed = push(registry, "beelms/promote", "v1", Optional.empty());
    ManifestCopy copy = new ManifestCopy(Optional.empty(), true);

    ManifestCopy.CopyResult result =
        copy.copy(registry.image("beelms/promote") + ":v0.1.0", "staging");

    assertEquals(pushed.digest(), result.digest());
    assertEquals(registry.image("beelms/promote") + ":staging", result.target());
    assertEquals(Optional.of(pushed.digest()), registry.digest("beelms/promote", "staging"));
    assertTrue(registry.tags("beelms/promote").contains("staging"));
    assertTrue(result.bytes() < 2048, "only the manifest moved: " + result.bytes() + " bytes");
  }

  @Test
  void movesAnExistingTagBackByCopy(LoopbackRegistry registry) throws Exception {
    ImageResult first = push(registry, "beelms/rollback", "first", Optional.empty());
    ManifestCopy copy = new ManifestCopy(Optional.empty(), true);
    copy.copy(registry.image("beelms/rollback") + ":v0.1.0", "production");
    copy.copy(registry.image("beelms/rollback") + "@" + first.digest(), "previous");
    // The next release's image: release tags are never moved, so it has its own.
    ImageResult second = push(registry, "beelms/rollback", "second", Optional.empty(), List.of("v0.2.0", "def5678"));
    copy.copy(registry.image("beelms/rollback") + ":v0.2.0", "production");
    assertEquals(Optional.of(second.digest()), copy.digestOf(registry.image("beelms/rollback") + ":production"));

    copy.copy(registry.image("beelms/rollback") + ":previous", "production");

    assertEquals(Optional.of(first.digest()), registry.digest("beelms/rollback", "production"));
  }

  @Test
  void aPutTheRegistryAcceptedIsAMoveEvenWhenTheCheckAfterItFails(LoopbackRegistry registry) throws Exception {
    ImageResult pushed = push(registry, "beelms/unverified", "unverified", Optional.empty());
    try (FaultyRegistryProxy proxy = new FaultyRegistryProxy(registry)) {
      String image = proxy.hostPort() + "/beelms/unverified";
      proxy.failTheCheckAfterTheNextManifestPut();

      ManifestCopy.UnverifiedPut unverified = assertThrows(ManifestCopy.UnverifiedPut.class,
          () -> new ManifestCopy(Optional.empty(), true).copy(image + ":v0.1.0", "staging"));

      assertEquals(1, proxy.faults());
      assertEquals(image + ":staging", unverified.target());
      assertEquals(pushed.digest(), unverified.digestSent());
      assertTrue(unverified.getMessage().startsWith("the registry accepted the PUT (HTTP 201), so " + image
          + ":staging has moved, but the check after it failed: "), unverified.getMessage());
      assertTrue(unverified.getMessage().contains("HTTP 500"), unverified.getMessage());
      assertEquals(Optional.of(pushed.digest()), registry.digest("beelms/unverified", "staging"),
          "the tag really moved in the registry behind the proxy");
    }
  }

  @Test
  void reportsWhetherATagExistsAndItsDigest(LoopbackRegistry registry) throws Exception {
    ImageResult pushed = push(registry, "beelms/exists", "exists", Optional.empty());
    ManifestCopy copy = new ManifestCopy(Optional.empty(), true);

    assertTrue(copy.exists(registry.image("beelms/exists") + ":abc1234"));
    assertFalse(copy.exists(registry.image("beelms/exists") + ":v9.9.9"));
    assertEquals(Optional.of(pushed.digest()), copy.digestOf(registry.image("beelms/exists") + ":v0.1.0"));
    assertEquals(Optional.empty(), copy.digestOf(registry.image("beelms/nothing-here") + ":v0.1.0"));
  }

  @Test
  void aMissingSourceTagIsA404NamingRepositoryAndTag(LoopbackRegistry registry) throws Exception {
    push(registry, "beelms/missing", "missing", Optional.empty());
    ManifestCopy copy = new ManifestCopy(Optional.empty(), true);

    ImageException e =
        assertThrows(
            ImageException.class,
            () -> copy.copy(registry.image("beelms/missing") + ":v0.0.9", "production"));

    assertEquals(OptionalInt.of(404), e.httpStatus());
    assertTrue(e.getMessage().contains("registry " + registry.hostPort()), e.getMessage());
    assertTrue(e.getMessage().contains("repository beelms/missing"), e.getMessage());
    assertTrue(e.getMessage().contains("tag v0.0.9"), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertFalse(registry.tags("beelms/missing").contains("production"));
  }

  @Test
  void refusesPlainHttpUnlessInsecureRegistriesAreAllowed(LoopbackRegistry registry) {
    ManifestCopy copy = new ManifestCopy(Optional.empty(), false);

    ImageException e =
        assertThrows(
            ImageException.class, () -> copy.exists(registry.image("beelms/core") + ":v0.1.0"));

    assertTrue(e.getMessage().contains(registry.hostPort()), e.getMessage());
    assertTrue(e.getMessage().contains("allowInsecureRegistries"), e.getMessage());
  }

  @Test
  void saysWhenNoRegistryRunsAtTheAddress() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ManifestCopy copy =
        new ManifestCopy(Optional.empty(), true, Duration.ofSeconds(2), Duration.ofSeconds(5));

    ImageException e =
        assertThrows(
            ImageException.class, () -> copy.exists("127.0.0.1:" + port + "/beelms/core:v0.1.0"));

    assertTrue(e.getMessage().contains("is the registry running at 127.0.0.1:" + port), e.getMessage());
  }

  @Test
  void copiesWithBasicCredentialsAndNamesTheServerIdWhenTheyAreWrong() throws Exception {
    String password = "right-Pa55-word";
    String wrong = "wrong-Pa55-word";
    try (LoopbackRegistry secured = LoopbackRegistry.startWithHtpasswd("release", password)) {
      RegistryCredentials right = RegistryCredentials.fromServer("beelms-registry", "release", password);
      String previous = System.setProperty("sendCredentialsOverHttp", "true");
      ImageResult pushed;
      try {
        pushed = push(secured, "beelms/secured", "secured", Optional.of(right));
      } finally {
        if (previous == null) {
          System.clearProperty("sendCredentialsOverHttp");
        } else {
          System.setProperty("sendCredentialsOverHttp", previous);
        }
      }

      ManifestCopy.CopyResult copied =
          new ManifestCopy(Optional.of(right), true).copy(secured.image("beelms/secured") + ":v0.1.0", "staging");
      assertEquals(pushed.digest(), copied.digest());

      ManifestCopy withWrong =
          new ManifestCopy(
              Optional.of(RegistryCredentials.fromServer("beelms-registry", "release", wrong)), true);
      ImageException e =
          assertThrows(
              ImageException.class,
              () -> withWrong.copy(secured.image("beelms/secured") + ":v0.1.0", "production"));
      assertEquals(OptionalInt.of(401), e.httpStatus());
      assertTrue(e.getMessage().contains("settings.xml server 'beelms-registry'"), e.getMessage());
      assertTrue(e.getMessage().contains("repository beelms/secured"), e.getMessage());
      assertNoSecret(wrong, e);
      assertNoSecret(password, e);

      ImageException anonymous =
          assertThrows(
              ImageException.class,
              () -> new ManifestCopy(Optional.empty(), true).exists(secured.image("beelms/secured") + ":v0.1.0"));
      assertTrue(anonymous.getMessage().contains("BEELMS_REGISTRY_USERNAME"), anonymous.getMessage());
      assertEquals(List.of("staging", "abc1234", "v0.1.0").stream().sorted().toList(),
          secured.tags("beelms/secured").stream().sorted().toList());
    }
  }
}
