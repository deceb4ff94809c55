package org.beelms.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevWalk;

/** What the deploy ITs share around their throwaway project: commits, the release record, clean-up. */
final class DeployFixtures {

  static final PersonIdent AUTHOR = new PersonIdent("Demo Release", "demo@example.test");

  private DeployFixtures() {
  }

  /**
   * One {@code <environment>} whose deploy hook ({@link ReferenceDeployHook}, in {@code work})
   * starts the reference core on {@code port}.
   *
   * @param elements further elements ({@code <restoreCommand>}, ...), as XML lines
   * @param properties further {@code <properties>}, as XML lines
   */
  static String environment(Path work, String name, String mode, int port, String adminServer, String elements,
      String properties) {
    return """
                    <environment>
                      <name>%s</name>
                      <url>http://127.0.0.1:%d/api</url>
                      <mode>%s</mode>
                      <imageTag>%s</imageTag>
                      <serverId>%s</serverId>
                      <adminServerId>%s</adminServerId>
                      <deployCommand>sh '%s' %d</deployCommand>
        %s              <properties>
                        <beelms.smoke.readyTimeout>PT30S</beelms.smoke.readyTimeout>
                        <beelms.smoke.load.duration>PT2S</beelms.smoke.load.duration>
                        %s
                      </properties>
                    </environment>
        """.formatted(name, port, mode, name, mode.equals("production") ? adminServer : "", adminServer,
        work.resolve("deploy-hook.sh"), port, elements, properties);
  }

  /**
   * Maven in {@code project} with {@code work}'s settings.xml (the admin account), the reference
   * core's jar for the deploy hook and the actor {@code it-runner}.
   */
  static MavenBuild.Result maven(Path project, Path work, String... args) throws Exception {
    return MavenBuild.in(project)
        .args("-s", work.resolve("settings.xml").toString(), "-Dbeelms.image.allowInsecureRegistries=true")
        .args(args)
        .env("BEELMS_ADMIN_PASSWORD", ReferenceServer.ADMIN_PASSWORD)
        .env("REFERENCE_JAR", ReferenceDeployHook.referenceJar().toString())
        .env("BEELMS_DEPLOY_ACTOR", "it-runner")
        .run();
  }

  /** Commits every change of {@code project}. */
  static void commit(Path project, String message) throws Exception {
    try (Git git = Git.open(project.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
    }
  }

  /** {@code target/beelms-release/release.json} of the last release-candidate. */
  static JsonNode releaseJson(Path project) throws IOException {
    return new ObjectMapper().readTree(project.resolve("target/beelms-release/release.json").toFile());
  }

  /** The release record of {@code tag}: its git note, deployments included. */
  static JsonNode note(Path project, String tag) throws Exception {
    try (Git git = Git.open(project.toFile())) {
      var repo = git.getRepository();
      var commit = repo.getRefDatabase().peel(repo.findRef("refs/tags/" + tag)).getPeeledObjectId();
      var note = git.notesShow().setNotesRef("refs/notes/beelms-release")
          .setObjectId(new RevWalk(repo).parseCommit(commit)).call();
      return new ObjectMapper().readTree(repo.open(note.getData()).getBytes());
    }
  }

  /** Stops the servers the deploy hook started (their pid files), each within 10 s. */
  static void stop(List<Path> pidFiles) throws IOException {
    for (Path pid : pidFiles) {
      if (Files.exists(pid)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(p -> {
          p.destroy();
          p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> {
            p.destroyForcibly();
            return p;
          }).join();
        });
      }
    }
  }

  /** Deletes {@code dir} and everything in it; nothing when null. */
  static void delete(Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
