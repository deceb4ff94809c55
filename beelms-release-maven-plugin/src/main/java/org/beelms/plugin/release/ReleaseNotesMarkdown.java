package org.beelms.plugin.release;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.beelms.plugin.git.ConventionalCommit;
import org.beelms.plugin.image.ImageResult;
import org.beelms.plugin.openapi.ApiChange;
import org.beelms.plugin.openapi.ApiChanges;
import org.beelms.plugin.release.ReleaseNotes.Limitation;
import org.beelms.plugin.release.ReleaseNotes.Migration;

/** Renders {@link ReleaseNotes}: the Markdown document, the changelog section, the summary. */
final class ReleaseNotesMarkdown {

  private ReleaseNotesMarkdown() {}

  static String document(ReleaseNotes notes) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(notes.title()).append(' ').append(notes.version())
        .append(" (").append(notes.tagName()).append(")\n\n");
    body(notes, md, 2);
    return md.toString();
  }

  static String changelogSection(ReleaseNotes notes) {
    StringBuilder md = new StringBuilder();
    md.append("## [").append(notes.version()).append("] - ").append(notes.date()).append("\n\n");
    body(notes, md, 3);
    return md.toString();
  }

  static String summary(ReleaseNotes notes) {
    ReleaseNotes.Changes changes = notes.changes();
    StringBuilder text = new StringBuilder();
    text.append(notes.title()).append(' ').append(notes.version()).append(" (")
        .append(notes.tagName()).append("), ")
        .append(notes.previousRelease().map(p -> "changes since " + p).orElse("first release"))
        .append(", commit ").append(notes.headCommit()).append('\n');
    commitLine(text, "Breaking changes", changes.breaking());
    commitLine(text, "Features", changes.features());
    commitLine(text, "Fixes", changes.fixes());
    commitLine(text, "Performance", changes.performance());
    commitLine(text, "Other", changes.other());
    ReleaseNotes.Migrations migrations = notes.migrations();
    if (!migrations.available()) {
      text.append("Migrations: not listed (").append(migrations.source()).append(")\n");
    } else if (!migrations.checked() && migrations.added().isEmpty()) {
      text.append("Migrations: not checked (").append(migrations.source()).append(")\n");
    } else {
      text.append("Migrations: ").append(migrations.added().size());
      if (!migrations.checked()) {
        text.append(" (not checked)");
      }
      if (migrations.contractCount() > 0) {
        text.append(", ").append(migrations.contractCount()).append(" contract");
      }
      if (migrations.unknownCount() > 0) {
        text.append(", ").append(migrations.unknownCount()).append(" unknown (review by hand)");
      }
      first(text, migrations.added(), m -> m.file() + ": " + m.safetyClass());
    }
    if (!migrations.reproducibility().isEmpty()) {
      text.append("Migrations reproducibility: ").append(migrations.reproducibility()).append('\n');
    }
    ReleaseNotes.Api api = notes.api();
    if (api.changes().isEmpty()) {
      text.append("API changes: not compared (").append(api.source()).append(")\n");
    } else if (api.changes().get().firstRelease()) {
      text.append("API changes: first release, nothing to compare with\n");
    } else {
      ApiChanges c = api.changes().get();
      text.append("API changes: ").append(c.breaking().size()).append(" breaking, ")
          .append(c.additions().size()).append(" addition(s)");
      List<ApiChange> all = c.breaking().isEmpty() ? c.additions() : c.breaking();
      first(text, all, ApiChange::describe);
    }
    ReleaseNotes.KnownLimitations limits = notes.knownLimitations();
    text.append("Known limitations: ");
    if (limits.dodItems().isPresent()) {
      text.append(limits.dodCount()).append(" DoD item(s)");
    } else {
      text.append("DoD items not listed");
    }
    if (!limits.waivedChecks().isEmpty()) {
      text.append(", ").append(limits.waivedChecks().size()).append(" waived check(s)");
    }
    text.append(limits.maintained().isPresent() ? ", see " + limits.file() : ", no " + limits.file());
    if (!limits.baseline().isEmpty()) {
      text.append("; ").append(limits.baseline());
    }
    List<Limitation> listed = new java.util.ArrayList<>(limits.waivedChecks());
    listed.addAll(limits.dodItems().orElse(List.of()));
    first(text, listed, ReleaseNotesMarkdown::limitationText);
    text.append("Image: ")
        .append(notes.image().result().map(ImageResult::reference).orElse("not built"))
        .append(notes.image().result().map(ImageResult::revisionNotVerified).filter(r -> !r.isEmpty())
            .map(r -> " (revision not verified: " + r + ")").orElse(""))
        .append(notes.image().supplyChain()
            .map(c -> " (SBOM " + c.sbomComponents() + " components" + (c.signed() ? ", signed" : "") + ")")
            .orElse(""))
        .append('\n');
    return text.toString();
  }

  private static void commitLine(StringBuilder text, String name, List<ConventionalCommit> commits) {
    text.append(name).append(": ").append(commits.size());
    first(text, commits, ReleaseNotesMarkdown::commitText);
  }

  private static <T> void first(StringBuilder text, List<T> items, Function<T, String> render) {
    if (!items.isEmpty()) {
      text.append(" (").append(render.apply(items.get(0)));
      if (items.size() > 1) {
        text.append(", …");
      }
      text.append(')');
    }
    text.append('\n');
  }

  private static void body(ReleaseNotes notes, StringBuilder md, int level) {
    String h = "#".repeat(level) + " ";
    ReleaseNotes.Changes changes = notes.changes();
    if (!notes.versionReason().isEmpty()) {
      md.append("Version ").append(notes.versionReason()).append("\n\n");
    }
    md.append("Released ").append(notes.date()).append(" from commit `").append(notes.headCommit())
        .append("`. ");
    if (notes.firstRelease()) {
      md.append("First release: every commit from the start of the history.");
    } else {
      md.append("Changes since ").append(notes.previousRelease().get()).append('.');
    }
    md.append(' ').append(changes.listed()).append(" commit(s) listed");
    if (changes.leftOut() > 0) {
      md.append(", ").append(changes.leftOut()).append(" merge or release commit(s) left out");
    }
    md.append(".\n\n");

    md.append(h).append("Breaking changes\n\n");
    if (changes.breaking().isEmpty()) {
      md.append("None.\n\n");
    } else {
      for (ConventionalCommit c : changes.breaking()) {
        md.append("- ").append(commitMarkdown(c)).append('\n');
        if (!c.body().isEmpty()) {
          md.append('\n');
          c.body().lines().forEach(line ->
              md.append(line.isBlank() ? "" : "  " + line).append('\n'));
          md.append('\n');
        }
        if (!c.breakingNote().isEmpty()) {
          md.append("  BREAKING CHANGE: ").append(c.breakingNote()).append('\n');
        }
      }
      md.append('\n');
    }
    commitSection(md, h, "Features", changes.features());
    commitSection(md, h, "Fixes", changes.fixes());
    commitSection(md, h, "Performance", changes.performance());
    commitSection(md, h, "Other changes", changes.other());
    if (changes.listed() == 0) {
      md.append("No commits since ")
          .append(notes.previousRelease().orElse("the start of the history")).append(".\n\n");
    }

    migrations(notes.migrations(), md, h);
    api(notes.api(), md, h);
    knownLimitations(notes.knownLimitations(), md, h, level);

    md.append(h).append("Image\n\n");
    if (notes.image().result().isEmpty()) {
      md.append("Not built (").append(notes.image().source()).append(").\n");
    } else {
      ImageResult image = notes.image().result().get();
      md.append("- Reference: `").append(image.reference()).append("`\n");
      for (String tagged : image.taggedReferences()) {
        md.append("- Tag: `").append(tagged).append("`\n");
      }
      if (!image.revisionNotVerified().isEmpty()) {
        md.append("- **Revision not verified: ").append(image.revisionNotVerified())
            .append("** (the adopted image has no `org.opencontainers.image.revision` label)\n");
      }
      notes.image().supplyChain().ifPresent(chain -> supplyChain(chain, md));
    }
  }

  /** The SBOM, provenance and signature lines under the image. */
  private static void supplyChain(ReleaseRecord.SupplyChain chain, StringBuilder md) {
    md.append("- SBOM: CycloneDX, ").append(chain.sbomComponents()).append(" components")
        .append(chain.sbomReference().isEmpty() ? " (not pushed)" : ", `" + chain.sbomReference() + "`")
        .append('\n');
    md.append("- Provenance: ")
        .append(chain.provenanceReference().isEmpty() ? "not pushed" : "`" + chain.provenanceReference() + "`")
        .append('\n');
    md.append("- Signature: ")
        .append(chain.signed()
            ? "`" + chain.signatureReference() + "` (key " + chain.signingKey() + ")"
            : "not signed")
        .append('\n');
  }

  private static void commitSection(
      StringBuilder md, String h, String name, List<ConventionalCommit> commits) {
    if (commits.isEmpty()) {
      return;
    }
    md.append(h).append(name).append("\n\n");
    for (ConventionalCommit c : commits) {
      md.append("- ").append(commitMarkdown(c)).append('\n');
    }
    md.append('\n');
  }

  private static String commitMarkdown(ConventionalCommit c) {
    String label = c.label() + (c.breaking() && c.conventional() ? "!" : "");
    return (label.isEmpty() ? "" : "**" + label + "**: ") + c.description() + " (`" + c.commit() + "`)";
  }

  private static String commitText(ConventionalCommit c) {
    String label = c.label() + (c.breaking() && c.conventional() ? "!" : "");
    return (label.isEmpty() ? "" : label + ": ") + c.description();
  }

  private static void migrations(ReleaseNotes.Migrations migrations, StringBuilder md, String h) {
    md.append(h).append("Database migrations\n\n");
    if (!migrations.available()) {
      md.append("Not listed: ").append(migrations.source()).append(".\n\n");
      return;
    }
    if (!migrations.checked()) {
      md.append("**Migrations not checked**: ").append(migrations.source()).append(".\n\n");
      if (migrations.added().isEmpty()) {
        return;
      }
    } else if (migrations.added().isEmpty()) {
      md.append("None added (").append(migrations.source()).append(").\n\n");
      return;
    }
    if (migrations.checked()) {
      md.append("From ").append(migrations.source()).append(".\n\n");
    }
    if (!migrations.reproducibility().isEmpty()) {
      md.append("Reproducibility (a fresh database and one upgraded from the previous release"
          + " compared): **").append(migrations.reproducibility()).append("**\n\n");
    }
    for (Migration m : migrations.added()) {
      md.append("- `").append(m.file()).append("` – **").append(m.safetyClass()).append("**");
      if (!m.description().isEmpty()) {
        md.append(": ").append(m.description());
      }
      md.append('\n');
    }
    if (migrations.contractCount() > 0) {
      md.append("\nContract migrations remove or change what the previous release uses: rolling"
          + " back the code alone breaks it.\n");
    }
    if (migrations.unknownCount() > 0) {
      md.append("\nUnknown migrations hold statements the check could not read: review them by"
          + " hand; a rollback over them is refused unless forced.\n");
    }
    md.append('\n');
  }

  private static void api(ReleaseNotes.Api api, StringBuilder md, String h) {
    md.append(h).append("API changes\n\n");
    if (api.changes().isEmpty()) {
      md.append("Not compared: ").append(api.source()).append(".\n\n");
      return;
    }
    ApiChanges changes = api.changes().get();
    if (changes.firstRelease()) {
      md.append("First release: no earlier spec to compare with.\n\n");
      return;
    }
    md.append("Compared with the spec of ").append(changes.previousRelease()).append(".\n\n");
    if (changes.breaking().isEmpty() && changes.additions().isEmpty()) {
      md.append("No changes.\n\n");
      return;
    }
    for (ApiChange c : changes.breaking()) {
      md.append("- **breaking**: ").append(apiText(c)).append('\n');
    }
    for (ApiChange c : changes.additions()) {
      md.append("- ").append(apiText(c)).append('\n');
    }
    md.append('\n');
  }

  private static String apiText(ApiChange c) {
    String kind = c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return "`" + c.operation() + "` " + kind + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")");
  }

  private static void knownLimitations(
      ReleaseNotes.KnownLimitations limits, StringBuilder md, String h, int level) {
    md.append(h).append("Known limitations\n\n");
    if (limits.maintained().isPresent()) {
      String text = withoutOwnHeading(limits.maintained().get().strip());
      if (!text.isEmpty()) {
        md.append(nestHeadings(text, level + 1)).append("\n\n");
      }
    } else {
      md.append("No maintained list: ").append(limits.file()).append(" does not exist.\n\n");
    }
    if (!limits.baseline().isEmpty()) {
      md.append(limits.baseline()).append("\n\n");
    }
    if (!limits.waivedChecks().isEmpty()) {
      md.append("Known failures the post-deploy smoke and regression tiers accept (")
          .append(limits.waiverFile()).append("), reported as WAIVED, never as passed:\n\n");
      for (Limitation item : limits.waivedChecks()) {
        md.append("- ").append(limitationText(item)).append('\n');
      }
      md.append('\n');
    }
    if (limits.dodItems().isEmpty()) {
      md.append("Definition-of-Done items not listed: ").append(limits.dodSource()).append(".\n\n");
      return;
    }
    List<Limitation> items = limits.dodItems().get();
    if (items.isEmpty()) {
      md.append("Every Definition-of-Done item is done (").append(limits.dodSource()).append(").\n\n");
      return;
    }
    md.append("Definition-of-Done items not done (").append(limits.dodSource()).append("):\n\n");
    for (Limitation item : items) {
      md.append("- ").append(limitationText(item)).append('\n');
    }
    md.append('\n');
  }

  private static String limitationText(Limitation item) {
    String prefix = item.id().isEmpty() ? "" : item.id() + " ";
    return switch (item.status()) {
      case OPEN -> prefix + "open: " + item.text();
      case WAIVER_EXPIRED -> prefix + "open, " + item.waiver() + ": " + item.text();
      case WAIVED -> prefix + "waived " + item.waiver() + ": " + item.text();
    };
  }

  /**
   * The maintained file without a first heading that repeats the section's title ({@code # Known
   * limitations}), so the notes show that title once.
   */
  static String withoutOwnHeading(String markdown) {
    int end = markdown.indexOf('\n');
    String first = (end < 0 ? markdown : markdown.substring(0, end)).strip();
    int level = headingLevel(first);
    if (level > 0
        && first.substring(level).strip().replaceAll("[:.]$", "")
            .equalsIgnoreCase("known limitations")) {
      return end < 0 ? "" : markdown.substring(end + 1).strip();
    }
    return markdown;
  }

  /**
   * {@code markdown} with its ATX headings moved down so the highest is at {@code minLevel}
   * (text unchanged), so an included file nests under the section that includes it. Lines in
   * fenced code blocks are left alone.
   */
  static String nestHeadings(String markdown, int minLevel) {
    String[] lines = markdown.split("\n", -1);
    int highest = Integer.MAX_VALUE;
    boolean fenced = false;
    for (String line : lines) {
      if (line.startsWith("```") || line.startsWith("~~~")) {
        fenced = !fenced;
      } else if (!fenced && headingLevel(line) > 0) {
        highest = Math.min(highest, headingLevel(line));
      }
    }
    if (highest == Integer.MAX_VALUE || highest >= minLevel) {
      return markdown;
    }
    String extra = "#".repeat(minLevel - highest);
    StringBuilder out = new StringBuilder();
    fenced = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("```") || line.startsWith("~~~")) {
        fenced = !fenced;
      } else if (!fenced && headingLevel(line) > 0) {
        line = extra + line;
      }
      out.append(line);
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static int headingLevel(String line) {
    int level = 0;
    while (level < line.length() && line.charAt(level) == '#') {
      level++;
    }
    boolean heading =
        level > 0 && level <= 6 && (level == line.length() || line.charAt(level) == ' ');
    return heading ? level : 0;
  }
}
