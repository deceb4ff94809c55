package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.beelms.plugin.lock.EnvironmentLock;
import org.beelms.plugin.lock.EnvironmentLocks;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment lock through Maven, as a user meets it: a project whose {@code origin} is a
 * bare repository holding the lock of {@code staging}, left an hour ago by a deploy that was
 * killed on another runner. {@code mvn beelms:deploy} refuses at once, naming the holder and the
 * command; {@code mvn beelms:status} shows the deploy in progress; {@code
 * -Dbeelms.deploy.breakLock} takes it over and gives it back at the end, though that deploy then
 * fails (no such release).
 */
class EnvironmentLockIT {

  @TempDir Path work;

  @Test
  void aHeldLockRefusesTheDeployStatusShowsItAndBreakLockTakesItOver() throws Exception {
    Path project = Files.createDirectories(work.resolve("project"));
    String environments = """
                    <environment>
                      <name>staging</name>
                      <url>http://127.0.0.1:9/api</url>
                      <mode>staging</mode>
                      <imageTag>staging</imageTag>
                      <deployCommand>touch '%s'</deployCommand>
                    </environment>
        """.formatted(work.resolve("hook-ran"));
    Files.writeString(project.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>org.example.beelms</groupId>
          <artifactId>core</artifactId>
          <version>0.1.0</version>
          <packaging>pom</packaging>
          <build>
        %s
          </build>
        </project>
        """.formatted(MavenBuild.pluginManagement(environments)), StandardCharsets.UTF_8);
    Files.writeString(project.resolve(".gitignore"), "target/\n");
    try (Git bare = Git.init().setBare(true).setDirectory(work.resolve("remote.git").toFile()).call();
        Git git = Git.init().setDirectory(project.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("feat: a project").setAuthor("it", "it@example.org").setCommitter("it", "it@example.org").call();
      git.remoteAdd().setName("origin").setUri(new URIish(bare.getRepository().getDirectory().toURI().toString())).call();
      git.push().setRemote("origin").setPushAll().call();

      // A deploy on another runner took the lock an hour ago and was killed: it stays, expired.
      Instant since = Instant.now().minus(Duration.ofHours(1));
      EnvironmentLocks.of(git.getRepository(), "origin", Optional.empty(), Duration.ofSeconds(10))
          .acquire(new EnvironmentLock("staging", "anna on runner-a", "deploy", "v0.1.0", since,
              since.plus(Duration.ofMinutes(30)), ""), Optional.empty());

      MavenBuild.Result refused = MavenBuild.in(project)
          .args("beelms:deploy", "-Dtarget=staging", "-Dbeelms.deploy.version=v0.1.0").run();
      assertNotEquals(0, refused.exitCode(), refused.log());
      assertTrue(refused.log().contains("environment staging is locked by anna on runner-a (deploy v0.1.0) since"),
          refused.log());
      assertTrue(refused.log().contains("-Dbeelms.deploy.breakLock=\"<reason>\""), refused.log());
      assertTrue(Files.notExists(work.resolve("hook-ran")), "nothing ran");

      MavenBuild.Result status = MavenBuild.in(project).args("beelms:status").run();
      assertTrue(status.log().contains("deploy in progress on staging: deploy by anna on runner-a"), status.log());
      assertTrue(status.log().contains("EXPIRED"), status.log());
      assertTrue(Files.readString(project.resolve("target/beelms-release/board.html")).contains("deploy in progress"));

      MavenBuild.Result broken = MavenBuild.in(project)
          .args("beelms:deploy", "-Dtarget=staging", "-Dbeelms.deploy.version=v0.1.0",
              "-Dbeelms.deploy.breakLock=runner-a was killed").run();
      // The lock was taken over (the deploy itself then finds no release v0.1.0) and given back.
      assertTrue(broken.log().contains("took over the lock of staging: runner-a was killed"), broken.log());
      assertNotEquals(0, broken.exitCode(), broken.log());
      assertNull(bare.getRepository().exactRef("refs/beelms-release/locks/staging"), broken.log());
      assertEquals(false, Files.exists(work.resolve("hook-ran")));
    }
  }
}
