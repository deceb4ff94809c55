package org.beelms.plugin.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.release.ReleaseRecord;

/**
 * The release board as one self-contained HTML page: inline CSS, no script, no external resource,
 * so it reads the same offline, from a CI artifact or a mail attachment. Every value from a record
 * is escaped.
 */
final class BoardHtml {

  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2330;background:#fff}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d8dde6;padding-bottom:4px}
      h3{font-size:15px;margin:18px 0 6px}.meta{color:#5a6475;margin:0 0 4px}
      table{border-collapse:collapse;margin:4px 0 12px}th,td{border:1px solid #d8dde6;padding:6px 8px;vertical-align:top;text-align:left}
      th{background:#f3f5f9;font-weight:600}td.empty{color:#9aa3b2}
      ul.entries{list-style:none;margin:0;padding:0}ul.entries li{margin:0 0 6px;padding:4px 6px;border-left:4px solid #9aa3b2;background:#f8f9fb}
      li.ok{border-left-color:#2e8b57!important}li.fail{border-left-color:#c0392b!important}
      .badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px;font-weight:600;color:#fff;background:#7a8494}
      .ok .badge,.badge.ok{background:#2e8b57}.fail .badge,.badge.fail{background:#c0392b}.badge.warn{background:#c77c0a}
      code{font:12px ui-monospace,Menlo,Consolas,monospace;background:#eef1f6;padding:0 3px;border-radius:3px}
      .drift{color:#a12a1c;overflow-wrap:anywhere}a.report{text-decoration:none}a.report .fix{text-decoration:underline}.fix{color:#5a6475;font-size:12px}.notes{padding:6px 10px;background:#fff7e6;border:1px solid #f0d8a8}
      .notes.ok{background:#eef8f1;border-color:#b9dfc6}
      """;

  private BoardHtml() {}

  static String render(ReleaseBoard board) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Release board</title><style>").append(CSS).append("</style></head><body>\n");
    h.append("<h1>Release board</h1>\n<p class=\"meta\">Built ").append(esc(ReleaseBoard.time(board.generatedAt())))
        .append(" from ").append(board.ledger().releases().size()).append(" release record(s) (git notes <code>")
        .append(esc(org.beelms.plugin.release.ReleaseRecordStore.NOTES_REF)).append("</code>).</p>\n");
    h.append("<p id=\"notes\" class=\"notes").append(board.notes().behind() ? "" : " ok").append("\">")
        .append(esc(board.notes().message())).append("</p>\n");
    for (String lock : board.inProgress()) {
      h.append("<p class=\"notes in-progress\"><strong>deploy in progress</strong>: ").append(esc(lock)).append("</p>\n");
    }
    if (!board.statuses().isEmpty()) {
      now(board, h);
    }
    matrix(board, h);
    timeline(board, h);
    releases(board, h);
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void now(ReleaseBoard board, StringBuilder h) {
    h.append("<h2 id=\"now\">What runs where now</h2>\n<table><thead><tr><th>Environment</th><th>Recorded release</th>")
        .append("<th>Registry tag now</th><th>Health now</th><th>Drift</th></tr></thead><tbody>\n");
    for (EnvironmentStatus s : board.statuses()) {
      h.append("<tr id=\"now-").append(esc(s.name())).append("\"><th>").append(esc(s.name()))
          .append("<br><span class=\"fix\">").append(esc(s.mode())).append("</span></th><td>");
      if (s.recorded().isPresent()) {
        BoardEntry e = s.recorded().get().entry();
        DeploymentEntry d = e.entry();
        h.append("<b>").append(esc(d.tag())).append("</b> ").append(esc(d.version())).append("<br>")
            .append(esc(e.actionLabel())).append(' ').append(esc(ReleaseBoard.time(d.at()))).append(" by ")
            .append(esc(d.by())).append("<br><code>").append(esc(ReleaseBoard.shortDigest(d.digest())))
            .append("</code> ").append(tests(board, e)).append("<div class=\"supply-chain\">")
            .append(esc(s.supplyChain())).append("</div>");
      } else {
        h.append("<span class=\"fix\">nothing recorded</span>");
      }
      h.append("</td><td>");
      if (!s.registry().reference().isEmpty()) {
        h.append("<code>").append(esc(s.registry().reference())).append("</code><br>");
      }
      h.append(esc(s.registry().digest().map(ReleaseBoard::shortDigest).orElse(s.registry().describe())))
          .append("</td><td>").append(esc(s.healthAndIdentity())).append("</td><td>");
      if (s.drift().isEmpty()) {
        h.append(s.recorded().isPresent() ? "<span class=\"badge ok\">in step</span>"
            : "<span class=\"badge\">nothing deployed</span>");
      }
      for (Drift d : s.drift()) {
        h.append("<div class=\"drift\"><span class=\"badge fail\">").append(esc(d.kind().label()))
            .append("</span> ").append(esc(d.message())).append("<div class=\"fix\">fix: ").append(esc(d.fix()))
            .append("</div></div>");
      }
      h.append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void matrix(ReleaseBoard board, StringBuilder h) {
    h.append("<h2 id=\"matrix\">Releases × environments</h2>\n<table><thead><tr><th>Release</th>");
    board.environments().forEach(e -> h.append("<th>").append(esc(e)).append("</th>"));
    h.append("</tr></thead><tbody>\n");
    for (ReleaseRecord release : board.ledger().releases()) {
      h.append("<tr><th><a href=\"#release-").append(esc(release.tag())).append("\">").append(esc(release.tag()))
          .append("</a><br><span class=\"fix\">").append(esc(ReleaseBoard.time(release.createdAt()))).append("</span></th>");
      for (String env : board.environments()) {
        List<BoardEntry> cell = board.ledger().cell(release, env);
        h.append("<td id=\"cell-").append(esc(release.tag())).append('-').append(esc(env)).append('"');
        if (cell.isEmpty()) {
          h.append(" class=\"empty\">–</td>");
          continue;
        }
        h.append("><ul class=\"entries\">");
        for (BoardEntry e : cell) {
          entry(board, e, h);
        }
        h.append("</ul></td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void entry(ReleaseBoard board, BoardEntry e, StringBuilder h) {
    DeploymentEntry d = e.entry();
    h.append("<li class=\"entry ").append(esc(d.action())).append(' ')
        .append(e.healthy() && !e.rolledBack() ? "ok" : "fail").append("\"><b>").append(esc(e.actionLabel()))
        .append("</b> ").append(esc(ReleaseBoard.time(d.at()))).append(" by ").append(esc(d.by()))
        .append("<br><code>").append(esc(ReleaseBoard.shortDigest(d.digest()))).append("</code> ")
        .append("<span class=\"badge ").append(ReleaseBoard.tone(d.outcome())).append("\">").append(esc(d.outcome()))
        .append("</span> ").append(tests(board, e));
    List<String> details = ReleaseBoard.entryDetails(e);
    if (!details.isEmpty()) {
      h.append("<div class=\"fix\">").append(esc(String.join("; ", details))).append("</div>");
    }
    h.append("</li>");
  }

  /** The smoke (and regression) outcome, linked to the smoke report when one is recorded. */
  private static String tests(ReleaseBoard board, BoardEntry e) {
    StringBuilder out = new StringBuilder();
    if (e.tiers().isEmpty()) {
      badge(out, "smoke", e.entry().smoke().isEmpty() ? "not recorded" : e.entry().smoke());
    } else {
      e.tiers().forEach((tier, status) -> badge(out, tier, status));
    }
    if (e.report().isPresent()) {
      return "<a class=\"report\" href=\"" + esc(board.href(e.report().get())) + "\">" + out
          + "<span class=\"fix\">report</span></a>";
    }
    return out.toString();
  }

  private static void badge(StringBuilder out, String tier, String status) {
    out.append("<span class=\"badge ").append(ReleaseBoard.tone(status)).append("\">").append(esc(tier)).append(' ')
        .append(esc(status)).append("</span> ");
  }

  private static void timeline(ReleaseBoard board, StringBuilder h) {
    h.append("<h2 id=\"timeline\">Timeline of deploys and rollbacks</h2>\n");
    List<ReleaseLedger.Recorded> all = board.ledger().timeline();
    if (all.isEmpty()) {
      h.append("<p class=\"fix\">No deploy or rollback recorded yet.</p>\n");
      return;
    }
    h.append("<table id=\"timeline-table\"><thead><tr><th>When</th><th>Environment</th><th>Action</th><th>Release</th>")
        .append("<th>By</th><th>Digest</th><th>Outcome</th><th>Tests</th></tr></thead><tbody>\n");
    for (int i = all.size() - 1; i >= 0; i--) {
      BoardEntry e = all.get(i).entry();
      DeploymentEntry d = e.entry();
      h.append("<tr><td>").append(esc(ReleaseBoard.time(d.at()))).append("</td><td>").append(esc(d.environment()))
          .append("</td><td>").append(esc(e.actionLabel()))
          .append(d.from().isEmpty() ? "" : " from " + esc(d.from())).append("</td><td>").append(esc(d.tag()))
          .append("</td><td>").append(esc(d.by())).append("</td><td><code>")
          .append(esc(ReleaseBoard.shortDigest(d.digest()))).append("</code></td><td><span class=\"badge ")
          .append(ReleaseBoard.tone(d.outcome())).append("\">").append(esc(d.outcome())).append("</span></td><td>")
          .append(tests(board, e)).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void releases(ReleaseBoard board, StringBuilder h) {
    h.append("<h2 id=\"releases\">Releases</h2>\n");
    for (ReleaseRecord r : board.ledger().releases()) {
      h.append("<section id=\"release-").append(esc(r.tag())).append("\"><h3>").append(esc(r.tag()))
          .append(r.dryRun() ? " (dry run)" : "").append("</h3>\n<p class=\"meta\">version ").append(esc(r.version()))
          .append(", commit <code>").append(esc(r.commit().length() > 12 ? r.commit().substring(0, 12) : r.commit()))
          .append("</code>, recorded ").append(esc(ReleaseBoard.time(r.createdAt())));
      if (r.image() != null) {
        h.append(", image <code>").append(esc(r.image().image())).append('@')
            .append(esc(ReleaseBoard.shortDigest(r.image().digest()))).append("</code>");
        if (r.image().revisionNotVerified() != null) {
          h.append(", <b class=\"unverified\">revision not verified: ")
              .append(esc(r.image().revisionNotVerified())).append("</b>");
        }
      }
      h.append("</p>\n<p>DoD: <b class=\"dod\">").append(esc(ReleaseBoard.dodState(r))).append("</b> · Migrations: <b class=\"migrations\">")
          .append(esc(ReleaseBoard.migrationsState(r))).append("</b> · Supply chain: <b class=\"supply-chain\">")
          .append(esc(ReleaseBoard.supplyChainLabel(r))).append("</b></p>\n");
      List<ReleaseRecord.NewMigration> migrations = ReleaseBoard.newMigrations(r);
      if (!migrations.isEmpty()) {
        h.append("<table class=\"migrations\"><thead><tr><th>Migration</th><th>File</th><th>Safety class</th></tr></thead><tbody>");
        for (ReleaseRecord.NewMigration m : migrations) {
          h.append("<tr><td>").append(esc(m.version())).append("</td><td><code>").append(esc(m.file()))
              .append("</code></td><td><span class=\"badge ").append("expand".equals(m.safetyClass()) ? "ok" : "warn")
              .append("\">").append(esc(m.safetyClass())).append("</span></td></tr>");
        }
        h.append("</tbody></table>\n");
      }
      List<JsonNode> gates = ReleaseBoard.gates(r);
      if (gates.isEmpty()) {
        h.append("<p class=\"fix\">No gate results in this record.</p>\n");
      } else {
        h.append("<table class=\"gates\"><thead><tr><th>Gate</th><th>Status</th><th>Time</th><th>Findings</th></tr></thead><tbody>");
        for (JsonNode g : gates) {
          String status = g.path("status").asText();
          h.append("<tr><td>").append(esc(g.path("gate").asText())).append("</td><td><span class=\"badge ")
              .append(ReleaseBoard.tone(status)).append("\">").append(esc(status)).append("</span>")
              .append(esc(ReleaseBoard.skip(g))).append("</td><td>").append(g.path("durationMillis").asLong())
              .append(" ms</td><td>").append(g.path("findings").size())
              .append(esc(ReleaseBoard.findingCounts(g))).append("</td></tr>");
        }
        h.append("</tbody></table>\n");
      }
      h.append("</section>\n");
    }
  }

  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
