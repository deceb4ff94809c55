package org.beelms.plugin.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.release.ReleaseRecord;

/** The release board as Markdown (GitHub-flavoured tables), e.g. for a CI job summary. */
final class BoardMarkdown {

  private BoardMarkdown() {}

  static String render(ReleaseBoard board) {
    StringBuilder m = new StringBuilder(8_192);
    m.append("# Release board\n\nBuilt ").append(ReleaseBoard.time(board.generatedAt())).append(" from ")
        .append(board.ledger().releases().size()).append(" release record(s) (git notes `")
        .append(org.beelms.plugin.release.ReleaseRecordStore.NOTES_REF).append("`).\n\n")
        .append(board.notes().behind() ? "> **Warning:** " : "> ").append(cell(board.notes().message())).append("\n\n");
    board.inProgress().forEach(lock -> m.append("> **deploy in progress**: ").append(cell(lock)).append("\n\n"));
    if (!board.statuses().isEmpty()) {
      m.append("## What runs where now\n\n| Environment | Recorded release | Registry tag now | Health now | Drift |\n")
          .append("|---|---|---|---|---|\n");
      for (EnvironmentStatus s : board.statuses()) {
        String recorded = s.recorded().map(r -> {
          BoardEntry e = r.entry();
          DeploymentEntry d = e.entry();
          return "**" + d.tag() + "** " + e.actionLabel() + " " + ReleaseBoard.time(d.at()) + " by " + d.by() + ", `"
              + ReleaseBoard.shortDigest(d.digest()) + "`, " + tests(board, e) + "<br>" + cell(s.supplyChain());
        }).orElse("nothing recorded");
        String drift = s.drift().isEmpty() ? (s.recorded().isPresent() ? "in step" : "nothing deployed") : String.join("<br>",
            s.drift().stream().map(d -> "**" + d.kind().label() + "**: " + cell(d.message()) + " — fix: " + cell(d.fix())).toList());
        m.append("| ").append(s.name()).append(" (").append(s.mode()).append(") | ").append(recorded).append(" | ")
            .append(cell(s.registry().digest().map(ReleaseBoard::shortDigest).orElse(s.registry().describe())))
            .append(" | ").append(cell(s.healthAndIdentity())).append(" | ").append(drift).append(" |\n");
      }
      m.append('\n');
    }
    m.append("## Releases × environments\n\n| Release |");
    board.environments().forEach(e -> m.append(' ').append(cell(e)).append(" |"));
    m.append("\n|---|");
    board.environments().forEach(e -> m.append("---|"));
    m.append('\n');
    for (ReleaseRecord release : board.ledger().releases()) {
      m.append("| **").append(release.tag()).append("** |");
      for (String env : board.environments()) {
        List<BoardEntry> entries = board.ledger().cell(release, env);
        m.append(' ').append(entries.isEmpty() ? "–" : String.join("<br>",
            entries.stream().map(e -> cell(ReleaseBoard.entryLine(e)) + report(board, e)).toList())).append(" |");
      }
      m.append('\n');
    }
    m.append("\n## Timeline of deploys and rollbacks\n\n");
    List<ReleaseLedger.Recorded> all = board.ledger().timeline();
    if (all.isEmpty()) {
      m.append("No deploy or rollback recorded yet.\n");
    } else {
      m.append("| When | Environment | Action | Release | By | Digest | Outcome | Tests |\n|---|---|---|---|---|---|---|---|\n");
      for (int i = all.size() - 1; i >= 0; i--) {
        BoardEntry e = all.get(i).entry();
        DeploymentEntry d = e.entry();
        m.append("| ").append(ReleaseBoard.time(d.at())).append(" | ").append(cell(d.environment())).append(" | ")
            .append(cell(e.actionLabel())).append(d.from().isEmpty() ? "" : " from " + cell(d.from())).append(" | ")
            .append(cell(d.tag())).append(" | ").append(cell(d.by())).append(" | `").append(ReleaseBoard.shortDigest(d.digest()))
            .append("` | ").append(cell(d.outcome())).append(" | ").append(tests(board, e)).append(" |\n");
      }
    }
    m.append("\n## Releases\n");
    for (ReleaseRecord r : board.ledger().releases()) {
      m.append("\n### ").append(r.tag()).append(r.dryRun() ? " (dry run)" : "").append("\n\nDoD: **")
          .append(cell(ReleaseBoard.dodState(r))).append("** · Migrations: **").append(cell(ReleaseBoard.migrationsState(r)))
          .append("** · Supply chain: **").append(cell(ReleaseBoard.supplyChainLabel(r))).append("**\n\n");
      List<ReleaseRecord.NewMigration> migrations = ReleaseBoard.newMigrations(r);
      if (!migrations.isEmpty()) {
        m.append("| Migration | File | Safety class |\n|---|---|---|\n");
        migrations.forEach(x -> m.append("| ").append(cell(x.version())).append(" | `").append(cell(x.file()))
            .append("` | ").append(cell(x.safetyClass())).append(" |\n"));
        m.append('\n');
      }
      List<JsonNode> gates = ReleaseBoard.gates(r);
      if (!gates.isEmpty()) {
        m.append("| Gate | Status | Time | Findings |\n|---|---|---|---|\n");
        gates.forEach(g -> m.append("| ").append(cell(g.path("gate").asText())).append(" | ")
            .append(cell(g.path("status").asText() + ReleaseBoard.skip(g))).append(" | ")
            .append(g.path("durationMillis").asLong()).append(" ms | ").append(g.path("findings").size())
            .append(cell(ReleaseBoard.findingCounts(g))).append(" |\n"));
      }
    }
    return m.toString();
  }

  private static String tests(ReleaseBoard board, BoardEntry e) {
    return e.report().map(r -> "[" + cell(e.testsLabel()) + "](" + link(board.href(r)) + ")").orElse(cell(e.testsLabel()));
  }

  private static String report(ReleaseBoard board, BoardEntry e) {
    return e.report().map(r -> " ([report](" + link(board.href(r)) + "))").orElse("");
  }

  /** Text safe inside a table cell: no pipe, no line break, no raw HTML. */
  static String cell(String text) {
    return text == null ? "" : text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\r", " ").replace("\n", " ");
  }

  private static String link(String href) {
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29");
  }
}
