package org.beelms.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevWalk;

/** What the deploy ITs share around their throwaway project: environments, commits, the release record. */
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
}
