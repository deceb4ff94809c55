package org.beelms.plugin.supplychain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.deploy.DeployWorld;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ImageVerification;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.image.ManifestCopy;
import org.beelms.plugin.image.TargetKind;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.rollback.Rollback;
import org.beelms.plugin.rollback.RollbackSettings;
import org.beelms.plugin.smoke.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Deploy and rollback with a verify key: signed releases go, anything else is refused and nothing moves. */
@ExtendWith(LoopbackRegistry.Extension.class)
class VerifiedRolloutTest {

  @TempDir Path work;

  private static void sign(DeployWorld world, ReleaseRecord release, SupplyChainWorld.Keys keys) throws Exception {
    Path out = world.work().resolve("attest-" + release.version());
    SupplyChainWorld.imageJson(out, release.image().image(), release.image().digest(), TargetKind.REGISTRY);
    GateResult attested = new AttestGate(
        SupplyChainWorld.settings(out, release.commit(), Optional.of(keys.signingKey()), false),
        SupplyChainWorld.clock()).check(ReleaseListener.NONE);
    assertEquals(GateStatus.PASSED, attested.status(), attested.toString());
  }

  /** The first staging entry in the release's note. */
  private static DeploymentEntry entry(DeployWorld world, String tag) throws Exception {
    return DeploymentEntry.fromJson(world.note(tag).smoke().path("staging").path("deployments").get(0));
  }

  private static String errors(GateResult result) {
    return String.join("\n", result.findingsAtLeast(Severity.ERROR).stream().map(Finding::message).toList());
  }

  @Test
  void deployAndRollbackRefuseWhatTheVerifyKeyDidNotSignAndMoveNothing(LoopbackRegistry registry) throws Exception {
    SupplyChainWorld.Keys keys = SupplyChainWorld.opensslKeys(work.resolve("keys"), "release");
    try (DeployWorld world = new DeployWorld(work.resolve("world"), registry)) {
      ImageVerifier verifier = new ImageVerifier(new ManifestCopy(Optional.empty(), true), keys.publicKey(),
          "<environment> 'staging' <verifyKey>");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      ReleaseRecord v1 = world.release("0.1.0");
      sign(world, v1, keys);

      // Without a verify key nothing is checked, and the entry says so.
      assertEquals(GateStatus.PASSED, world.deploy(staging, "v0.1.0").status());
      assertEquals(ImageVerification.NO_VERIFY_KEY, entry(world, "v0.1.0").verification());

      world.admission = verifier.admission();
      ReleaseRecord v2 = world.release("0.2.0");
      sign(world, v2, keys);
      GateResult signed = world.deploy(staging, "v0.2.0");
      assertEquals(GateStatus.PASSED, signed.status(), errors(signed));
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"));
      assertEquals(ImageVerification.verified(SigningKey.fingerprint(keys.publicKey())), entry(world, "v0.2.0").verification(),
          "the entry records that the verify key checked the image before it moved");
      int hooks = world.hookCalls().size();

      world.release("0.3.0"); // not signed
      GateResult refused = world.deploy(staging, "v0.3.0");
      assertEquals(GateStatus.FAILED, refused.status());
      List<Finding> errors = refused.findingsAtLeast(Severity.ERROR);
      assertEquals(1, errors.size(), errors.toString());
      assertTrue(errors.get(0).message().startsWith("staging refuses v0.3.0"), errors.get(0).message());
      assertTrue(errors.get(0).message().contains("no signature:"), errors.get(0).message());
      assertTrue(errors.get(0).message().endsWith("nothing was moved"), errors.get(0).message());
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"), "the tag did not move");
      assertEquals(hooks, world.hookCalls().size(), "no hook ran");
      assertFalse(world.note("v0.3.0").smoke().has("staging"), "nothing recorded");

      // Rollback is checked the same way: with v0.1.0's .sig tag deleted, going back to it is refused.
      String sigTag = Attachments.tag(v1.image().digest(), Attachments.Kind.SIGNATURE);
      String repository = v1.image().image().substring(registry.hostPort().length() + 1);
      registry.delete(repository, registry.digest(repository, sigTag).orElseThrow());
      GateResult back = new Rollback(
          new RollbackSettings(staging, Optional.of("v0.1.0"), Optional.empty(), false, "tester", Optional.empty()),
          world.records(), world.rollout(Duration.ofSeconds(5))).check(ReleaseListener.NONE);
      assertEquals(GateStatus.FAILED, back.status());
      assertTrue(errors(back).contains("staging refuses v0.1.0"), errors(back));
      assertTrue(errors(back).contains("no signature:"), errors(back));
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"), "the rollback moved nothing");
      assertEquals(hooks, world.hookCalls().size(), "no hook ran");
    }
  }
}
