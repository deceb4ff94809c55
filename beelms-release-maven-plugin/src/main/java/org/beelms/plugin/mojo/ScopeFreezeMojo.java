package org.beelms.plugin.mojo;

import java.io.File;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.git.ScopeFreezeCheck;
import org.beelms.plugin.git.ScopeFreezeSettings;

/**
 * Release plan 2.1, scope freeze: checks that the release candidate is cut from a clean,
 * committed tree on a release branch that matches its upstream, with a release version (not a
 * SNAPSHOT) that the OpenAPI document's {@code info.version} states too.
 */
@Mojo(name = "scope-freeze", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ScopeFreezeMojo extends AbstractBeelmsMojo {

  /** Branches (names or globs) a release may be cut from. */
  @Parameter(property = "beelms.scope-freeze.branches", defaultValue = "main,release/*")
  private List<String> branches;

  /**
   * When the project version is a SNAPSHOT, release the version the Conventional Commits since the
   * newest {@code v*} tag call for instead of failing.
   */
  @Parameter(property = "beelms.deriveVersion", defaultValue = "false")
  private boolean deriveVersion;

  /**
   * The OpenAPI document whose {@code info.version} must equal the release version. Empty to skip
   * the comparison.
   */
  @Parameter(
      property = "beelms.openapi.spec",
      defaultValue = "${project.basedir}/docs/architecture/openapi.yaml")
  private File spec;

  /** Require HEAD to equal its upstream branch when it has one. */
  @Parameter(property = "beelms.scope-freeze.requireUpstreamMatch", defaultValue = "true")
  private boolean requireUpstreamMatch;

  /**
   * The release commit {@code beelms:release-candidate -Dbeelms.prepare=true} just made (set by
   * that goal, not by hand): the one commit HEAD may be ahead of its upstream, pushed with the tag.
   */
  @Parameter(property = "beelms.scope-freeze.releaseCommit")
  private String releaseCommit;

  /** Skip this gate. */
  @Parameter(property = "beelms.skip.scope-freeze", defaultValue = "false")
  private boolean skip;

  @Override
  protected String goal() {
    return ScopeFreezeCheck.NAME;
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  @Override
  protected List<Gate> gates() {
    return List.of(new ScopeFreezeCheck(settings()));
  }

  ScopeFreezeSettings settings() {
    return new ScopeFreezeSettings(
        project.getBasedir().toPath(),
        branches,
        projectVersion(),
        deriveVersion,
        Optional.ofNullable(spec).map(File::toPath),
        requireUpstreamMatch,
        buildDirectory(),
        Optional.ofNullable(releaseCommit));
  }
}
