package org.beelms.plugin.release;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.gate.GateResult;

/**
 * What {@link ReleaseNotesGenerator#generate} produced.
 *
 * @param gate the gate result with the findings (paths, changelog outcome, missing inputs)
 * @param notes the notes
 * @param markdown {@code release-notes.md}
 * @param summary {@code release-notes-summary.txt}, the tag message
 * @param changelog what happened to {@code CHANGELOG.md}; empty when it was not asked for
 */
public record ReleaseNotesResult(
    GateResult gate,
    ReleaseNotes notes,
    Path markdown,
    Path summary,
    Optional<Changelog.Update> changelog) {

  public ReleaseNotesResult {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(notes, "notes");
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(summary, "summary");
    changelog = changelog == null ? Optional.empty() : changelog;
  }
}
