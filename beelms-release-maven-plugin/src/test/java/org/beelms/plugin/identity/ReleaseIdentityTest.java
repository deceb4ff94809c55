package org.beelms.plugin.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.beelms.plugin.identity.ReleaseIdentity.Verdict;
import org.junit.jupiter.api.Test;

class ReleaseIdentityTest {

  private static final String DIGEST = "sha256:" + "6f1e".repeat(16);
  private static final String OLD_DIGEST = "sha256:" + "0a0b".repeat(16);
  private static final String COMMIT = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  private final ReleaseIdentity release = new ReleaseIdentity("0.2.0", "v0.2.0", COMMIT, DIGEST);

  @Test
  void anImageReferenceWithTheReleasesDigestProvesIt() {
    ReleaseIdentity.Match match = release.match("127.0.0.1:5000/beelms/core@" + DIGEST + "\n");

    assertEquals(Verdict.THIS_RELEASE, match.verdict());
    assertEquals("running image " + DIGEST + " = v0.2.0", match.proof());
  }

  @Test
  void aBareDigestOrAKubernetesImageIdProvesIt() {
    assertEquals(Verdict.THIS_RELEASE, release.match(DIGEST).verdict());
    assertEquals(Verdict.THIS_RELEASE, release.match(DIGEST.substring("sha256:".length())).verdict());
    assertEquals(Verdict.THIS_RELEASE,
        release.match("docker-pullable://registry.example.org/beelms/core@" + DIGEST).verdict());
  }

  @Test
  void theVersionWithOrWithoutVOrAsAnImageTagProvesIt() {
    assertEquals("running version 0.2.0 = v0.2.0", release.match("0.2.0").proof());
    assertEquals(Verdict.THIS_RELEASE, release.match("v0.2.0").verdict());
    assertEquals(Verdict.THIS_RELEASE, release.match("registry.example.org:5000/beelms/core:v0.2.0").verdict());
  }

  @Test
  void theCommitOrAnAbbreviationOfSevenOrMoreCharactersProvesIt() {
    assertEquals("running commit 1a2b3c4 = v0.2.0", release.match("1a2b3c4").proof());
    assertEquals(Verdict.THIS_RELEASE, release.match(COMMIT).verdict());
    assertEquals(Verdict.THIS_RELEASE, release.match("{\"commit\": \"1A2B3C4D5E\"}").verdict());
    // six characters are too few to count as a commit
    assertEquals(Verdict.UNRECOGNISED, release.match("1a2b3c").verdict());
  }

  @Test
  void anotherDigestVersionOrCommitIsAnotherRelease() {
    assertEquals(Verdict.ANOTHER_RELEASE, release.match("beelms/core@" + OLD_DIGEST).verdict());
    assertEquals(Verdict.ANOTHER_RELEASE, release.match("0.1.0").verdict());
    assertEquals(Verdict.ANOTHER_RELEASE, release.match("9f8e7d6c").verdict());
  }

  @Test
  void aRollingUpdateWithOnePodStillOnTheOldImageIsNotProven() {
    // kubectl get pods -l app=api -o jsonpath='{..imageID}': one image id per pod
    String pods = "registry.example.org/beelms/core@" + DIGEST + " registry.example.org/beelms/core@" + OLD_DIGEST;

    assertEquals(Verdict.ANOTHER_RELEASE, release.match(pods).verdict());
    assertEquals(Verdict.THIS_RELEASE,
        release.match("registry.example.org/beelms/core@" + DIGEST + " registry.example.org/beelms/core@" + DIGEST)
            .verdict());
  }

  @Test
  void dockerComposeImagesProvesItByTheReleaseTagAndIgnoresTheImageId() {
    String table = """
        CONTAINER           REPOSITORY                 TAG       IMAGE ID       SIZE
        beelms-core-api     127.0.0.1:5000/beelms/core v0.2.0    3f4e5d6c7b8a   212MB
        """;
    assertEquals(Verdict.THIS_RELEASE, release.match(table).verdict());
    assertEquals(Verdict.ANOTHER_RELEASE, release.match(table.replace("v0.2.0", "v0.1.0")).verdict());
  }

  @Test
  void nothingRecognisableIsNeitherThisNorAnotherRelease() {
    assertEquals(Verdict.UNRECOGNISED, release.match("").verdict());
    assertEquals(Verdict.UNRECOGNISED, release.match("Error: No such object: beelms-core-api").verdict());
    assertEquals(Verdict.UNRECOGNISED, release.match("127.0.0.1:5000/beelms/core:staging").verdict());
  }

  @Test
  void describesWhatIsAwaited() {
    assertTrue(release.describe().startsWith("v0.2.0 (0.2.0, " + DIGEST + ", commit 1a2b3c4)"), release.describe());
  }
}
