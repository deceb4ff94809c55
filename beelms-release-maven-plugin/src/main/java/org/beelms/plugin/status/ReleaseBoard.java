package org.beelms.plugin.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.release.ReleaseRecord;

/**
 * The release board: every {@code v*} release × every environment with its deploy and rollback
 * history, per release its gates, DoD state and migrations, a timeline, and (when status ran) what
 * runs where now. Rendered by {@link BoardHtml} (one self-contained page: inline CSS, no script,
 * nothing fetched at view time) and {@link BoardMarkdown} (the same for a CI job summary).
 *
 * @param generatedAt when it was built
 * @param ledger the records
 * @param environments the columns: declared environments first, then others the records name
 * @param statuses what runs where now, one per environment inspected; empty when not inspected
 * @param notes how the local records stand against the remote's
 * @param directory where the board is written, so links to smoke reports can be relative
 * @param inProgress one line per environment lock held now ("deploy in progress"); empty when none
 */
public record ReleaseBoard(
    Instant generatedAt,
    ReleaseLedger ledger,
    List<String> environments,
    List<EnvironmentStatus> statuses,
    NotesSync.Result notes,
    Path directory,
    List<String> inProgress) {

  public static final String HTML_FILE = "board.html";
  public static final String MARKDOWN_FILE = "board.md";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  public ReleaseBoard {
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(ledger, "ledger");
    environments = List.copyOf(environments);
    statuses = List.copyOf(statuses);
    Objects.requireNonNull(notes, "notes");
    Objects.requireNonNull(directory, "directory");
    inProgress = inProgress == null ? List.of() : List.copyOf(inProgress);
  }

  /** A board without lock information. */
  public ReleaseBoard(Instant generatedAt, ReleaseLedger ledger, List<String> environments,
      List<EnvironmentStatus> statuses, NotesSync.Result notes, Path directory) {
    this(generatedAt, ledger, environments, statuses, notes, directory, List.of());
  }

  /** Writes {@value #HTML_FILE} and {@value #MARKDOWN_FILE} into {@link #directory()}. */
  public List<Path> write() {
    Path html = directory.resolve(HTML_FILE);
    Path markdown = directory.resolve(MARKDOWN_FILE);
    try {
      Files.createDirectories(directory);
      Files.writeString(html, BoardHtml.render(this), StandardCharsets.UTF_8);
      Files.writeString(markdown, BoardMarkdown.render(this), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the release board into " + directory, e);
    }
    return List.of(html, markdown);
  }

  /** Appends the Markdown board to {@code summary} (a CI job summary, {@code $GITHUB_STEP_SUMMARY}). */
  public void appendTo(Path summary) {
    try {
      Files.writeString(summary, BoardMarkdown.render(this) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append the release board to " + summary
          + " ($GITHUB_STEP_SUMMARY)", e);
    }
  }

  // ------------------------------------------------------------ shared by both renderers

  /** {@code sha256:3c7d0a1b2c3d} (12 hex digits): enough to tell releases apart on a board. */
  static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    return colon >= 0 && digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }

  static String time(Instant at) {
    return TIME.format(at);
  }

  static String time(String iso) {
    try {
      return time(Instant.parse(iso));
    } catch (RuntimeException e) {
      return iso;
    }
  }

  /** The link to a smoke report: relative to the board when it is a local absolute path. */
  String href(String report) {
    try {
      Path path = Path.of(report);
      if (path.isAbsolute()) {
        return directory.toAbsolutePath().normalize().relativize(path.normalize()).toString().replace('\\', '/');
      }
    } catch (RuntimeException e) {
      // not a local path (e.g. a URL): link it as recorded
    }
    return report;
  }

  /**
   * The DoD state of a release: the {@code dod-check} gate's outcome in its record, with how it
   * passed: {@code PASSED (35 waived, 0 done)} says a pass that is all waivers.
   */
  static String dodState(ReleaseRecord release) {
    return gate(release, "dod-check")
        .map(g -> g.path("status").asText() + itemCounts(g) + skip(g) + findingCounts(g))
        .orElse("not run in this release");
  }

  /** The per-section lines dod-check writes: {@code <section>: 3 done, 1 open, 2 waived}. */
  private static final java.util.regex.Pattern SECTION_COUNTS =
      java.util.regex.Pattern.compile(": (\\d+) done, (\\d+) open, (\\d+) waived$");

  /** {@code " (2 open, 35 waived, 0 done)"} summed over the sections; empty when not recorded. */
  static String itemCounts(JsonNode dodGate) {
    int done = 0;
    int open = 0;
    int waived = 0;
    boolean counted = false;
    for (JsonNode f : dodGate.path("findings")) {
      java.util.regex.Matcher m = SECTION_COUNTS.matcher(f.path("message").asText());
      if ("INFO".equals(f.path("severity").asText()) && m.find()) {
        counted = true;
        done += Integer.parseInt(m.group(1));
        open += Integer.parseInt(m.group(2));
        waived += Integer.parseInt(m.group(3));
      }
    }
    return counted
        ? " (" + (open > 0 ? open + " open, " : "") + waived + " waived, " + done + " done)"
        : "";
  }

  /**
   * A release's supply chain as its record says ({@code supplyChain}, what {@code beelms:attest}
   * made): {@code signed ✓ (key sha256:…) / provenance ✓ / SBOM 212 components}. Only what was
   * signed and pushed next to the image gets a ✓: a record without the field says {@code not
   * signed / no provenance / SBOM: none}.
   */
  static String supplyChainLabel(ReleaseRecord release) {
    ReleaseRecord.SupplyChain chain = release.supplyChain();
    if (chain == null) {
      return "not signed / no provenance / SBOM: none (beelms:attest did not run)";
    }
    if (release.image() == null || !chain.imageDigest().equals(release.image().digest())) {
      return "not signed / no provenance / SBOM: none (the record's supply chain is about another image, "
          + shortDigest(chain.imageDigest()) + ")";
    }
    boolean keyed = !chain.signingKey().isEmpty();
    String signature = chain.signed()
        ? "signed ✓ (key " + org.beelms.plugin.deploy.ImageVerification.shortKey(chain.signingKey()) + ")"
        : keyed ? "signed, not pushed" : "not signed";
    String provenance = !chain.provenanceReference().isEmpty() ? "provenance ✓"
        : keyed ? "provenance not pushed" : "provenance not signed";
    return signature + " / " + provenance + " / SBOM " + chain.sbomComponents() + " components"
        + (chain.sbomReference().isEmpty() ? " (not pushed)" : "");
  }

  /**
   * Whether the entry's image was verified before it moved: {@code signature and provenance
   * verified ✓ (key …)} or {@code signature not verified (no <verifyKey>)}; empty for an entry
   * written before verifications were recorded.
   */
  static String verificationLabel(org.beelms.plugin.deploy.DeploymentEntry entry) {
    return entry.verification().outcome() == org.beelms.plugin.deploy.ImageVerification.Outcome.NOT_RECORDED
        ? ""
        : entry.verification().describe();
  }

  /** The migrations of a release as the record knows them: status, tool, and each new one. */
  static String migrationsState(ReleaseRecord release) {
    if (release.migrations() == null) {
      return "not known (the record predates the migrations status)";
    }
    if (!release.migrations().wasChecked()) {
      return "not checked: " + release.migrations().reason();
    }
    List<ReleaseRecord.NewMigration> added =
        release.flyway() == null || release.flyway().newMigrations() == null ? List.of() : release.flyway().newMigrations();
    String tool = release.migrations().tool().isEmpty() ? "" : " (" + release.migrations().tool() + ")";
    return (added.isEmpty() ? "checked" + tool + ", none added" : "checked" + tool + ", " + added.size() + " added")
        + ", reproducibility: " + release.migrations().reproducibility();
  }

  static List<ReleaseRecord.NewMigration> newMigrations(ReleaseRecord release) {
    return release.flyway() == null || release.flyway().newMigrations() == null
        ? List.of()
        : release.flyway().newMigrations();
  }

  static List<JsonNode> gates(ReleaseRecord release) {
    List<JsonNode> gates = new ArrayList<>();
    release.gates().forEach(gates::add);
    return gates;
  }

  /** {@code , 2 errors, 1 warning} for a gate's findings; empty when none are errors or warnings. */
  static String findingCounts(JsonNode gate) {
    int errors = 0;
    int warnings = 0;
    for (JsonNode f : gate.path("findings")) {
      String severity = f.path("severity").asText();
      if ("ERROR".equals(severity)) {
        errors++;
      } else if ("WARNING".equals(severity)) {
        warnings++;
      }
    }
    return (errors > 0 ? ", " + errors + " error(s)" : "") + (warnings > 0 ? ", " + warnings + " warning(s)" : "");
  }

  static String skip(JsonNode gate) {
    String reason = gate.path("skipReason").asText("");
    return reason.isEmpty() ? "" : " (" + reason + ")";
  }

  private static Optional<JsonNode> gate(ReleaseRecord release, String name) {
    for (JsonNode g : release.gates()) {
      if (name.equals(g.path("gate").asText())) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** A CSS class for a status word: {@code ok}, {@code fail} or {@code other}. */
  static String tone(String status) {
    return switch (status) {
      case "PASSED", "deployed" -> "ok";
      case "FAILED", "smoke-failed", "hook-failed", "unhealthy", "promotion-failed", "promotion-unverified" -> "fail";
      default -> "other";
    };
  }

  /**
   * The entry's identity for the board: {@code identity not verified} (never shown as verified),
   * {@code identity: running image sha256:… = v0.2.0}, or what was seen; empty for older entries.
   */
  static String identityLabel(org.beelms.plugin.deploy.DeploymentEntry entry) {
    var identity = entry.identity();
    return switch (identity.outcome()) {
      case NOT_RECORDED -> "";
      case NOT_VERIFIED -> identity.describe();
      default -> "identity: " + identity.describe();
    };
  }

  /**
   * The entry's database backup for the board and {@code status}: {@code backup 8bea… (api, 104233
   * bytes, taken at …)} for the one a deploy took, {@code restored backup 8bea… taken at …} for the
   * one a rollback restored; {@code backup <id>} for an older entry with only the id; empty when none.
   */
  static String backupLabel(org.beelms.plugin.deploy.DeploymentEntry entry) {
    if (entry.backup().isPresent()) {
      var b = entry.backup().get();
      String at = b.createdAt().isEmpty() ? "an unknown time" : b.createdAt();
      return "rollback".equals(entry.action())
          ? "restored backup " + b.id() + " taken at " + at
          : "backup " + b.id() + " (" + (b.kind().isEmpty() ? "" : b.kind() + ", ")
              + (b.sizeBytes() >= 0 ? b.sizeBytes() + " bytes, " : "") + "taken at " + at + ")";
    }
    return entry.backupId().isEmpty() ? "" : "backup " + entry.backupId();
  }

  /** One line for a recorded deploy or rollback: when, who, digest, outcome and tests, then its {@link #entryDetails}. */
  static String entryLine(BoardEntry e) {
    var entry = e.entry();
    StringBuilder out = new StringBuilder()
        .append(e.actionLabel()).append(' ').append(time(entry.at())).append(" by ").append(entry.by())
        .append(", ").append(shortDigest(entry.digest())).append(", ").append(entry.outcome())
        .append(", ").append(e.testsLabel());
    entryDetails(e).forEach(detail -> out.append(", ").append(detail));
    return out.toString();
  }

  /**
   * What else an entry recorded, in the order both renderers show it: where a rollback came from,
   * its decision, the backup, a forced reason, {@code rolled back afterwards}, the identity and
   * whether the image was verified; only what the entry has.
   */
  static List<String> entryDetails(BoardEntry e) {
    var entry = e.entry();
    List<String> details = new ArrayList<>();
    if (!entry.from().isEmpty()) {
      details.add("from " + entry.from());
    }
    details.add(entry.decision());
    details.add(backupLabel(entry));
    if (!entry.forced().isEmpty()) {
      details.add("forced: " + entry.forced());
    }
    if (e.rolledBack()) {
      details.add("rolled back afterwards");
    }
    details.add(identityLabel(entry));
    details.add(verificationLabel(entry));
    details.removeIf(String::isEmpty);
    return details;
  }
}
