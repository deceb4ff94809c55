package org.beelms.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A throwaway copy of the bundled reference beelms core with a git history of its own, so the
 * plugin can take it through a release without touching this project's repository.
 */
final class DemoProject {

  static final Path REFERENCE_CORE = Path.of("../reference-core");
  private static final PersonIdent AUTHOR = new PersonIdent("Demo Release", "demo@example.test");

  private DemoProject() {}

  /**
   * Copies the reference core to {@code folder}, states {@code version} as the spec's
   * info.version, and commits everything on {@code main}.
   */
  static Path create(Path folder, String version) throws IOException, GitAPIException {
    MavenBuild.copyTree(REFERENCE_CORE, folder);
    Path spec = folder.resolve("docs/architecture/openapi.yaml");
    String text = Files.readString(spec, StandardCharsets.UTF_8);
    Files.writeString(
        spec,
        text.replaceFirst("(?m)^  version: .*$", "  version: " + version),
        StandardCharsets.UTF_8);
    Files.writeString(folder.resolve(".gitignore"), "target/\n", StandardCharsets.UTF_8);
    try (Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("feat: reference beelms core").setAuthor(AUTHOR).setCommitter(AUTHOR).call();
    }
    return folder;
  }

  /** Gate name to status ({@code PASSED}, …) from the summary.json of the last release run. */
  static Map<String, String> gateStatuses(Path project) throws IOException {
    JsonNode summary =
        new ObjectMapper().readTree(project.resolve("target/beelms-release/summary.json").toFile());
    Map<String, String> statuses = new LinkedHashMap<>();
    summary.forEach(gate -> statuses.put(gate.get("gate").asText(), gate.get("status").asText()));
    return statuses;
  }
}
