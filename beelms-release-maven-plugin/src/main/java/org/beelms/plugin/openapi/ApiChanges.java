package org.beelms.plugin.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the API changed since the previous release: the input of the release notes. Written as
 * {@code api-changes.json} by the check and read back with {@link #readJson(Path)}.
 *
 * @param previousRelease the tag compared with ({@code v0.1.0}); empty for the first release or
 *     when nothing was compared
 * @param currentSpec the spec file compared, as shown in findings
 * @param breaking the changes that can break existing clients, in document order
 * @param additions the backward-compatible changes, in document order
 */
public record ApiChanges(
    String previousRelease, String currentSpec, List<ApiChange> breaking, List<ApiChange> additions) {

  /** The file name under the output directory ({@code target/beelms-release}). */
  public static final String JSON_FILE = "api-changes.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ApiChanges {
    previousRelease = previousRelease == null ? "" : previousRelease;
    currentSpec = currentSpec == null ? "" : currentSpec;
    breaking = List.copyOf(Objects.requireNonNull(breaking, "breaking"));
    additions = List.copyOf(Objects.requireNonNull(additions, "additions"));
    if (breaking.stream().anyMatch(c -> !c.breaking())) {
      throw new IllegalArgumentException("a non-breaking change is listed as breaking");
    }
    if (additions.stream().anyMatch(ApiChange::breaking)) {
      throw new IllegalArgumentException("a breaking change is listed as an addition");
    }
  }

  /** Nothing to compare with: no earlier release tag. */
  public static ApiChanges firstRelease(String currentSpec) {
    return new ApiChanges("", currentSpec, List.of(), List.of());
  }

  /** Splits {@code changes} into breaking ones and additions. */
  public static ApiChanges of(String previousRelease, String currentSpec, List<ApiChange> changes) {
    return new ApiChanges(
        previousRelease,
        currentSpec,
        changes.stream().filter(ApiChange::breaking).toList(),
        changes.stream().filter(c -> !c.breaking()).toList());
  }

  /** True when there was no previous release to compare with. */
  public boolean firstRelease() {
    return previousRelease.isEmpty();
  }

  public boolean hasBreakingChanges() {
    return !breaking.isEmpty();
  }

  public String toJson() throws IOException {
    return JSON.writeValueAsString(this) + "\n";
  }

  /** Writes {@link #JSON_FILE} into {@code directory} and returns the file. */
  public Path writeJson(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(JSON_FILE);
    Files.writeString(file, toJson());
    return file;
  }

  public static ApiChanges readJson(Path file) throws IOException {
    return JSON.readValue(file.toFile(), ApiChanges.class);
  }
}
