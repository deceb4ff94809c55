package org.beelms.plugin.git;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One commit message read the Conventional Commits way: {@code type(scope)!: description}, with
 * a {@code BREAKING CHANGE:} (or {@code BREAKING-CHANGE:}) footer also marking it breaking. A
 * message that does not follow the convention keeps its first line as the description and an
 * empty type, and goes under "Other changes".
 *
 * @param commit the commit's short SHA
 * @param type the type in lower case ({@code feat}, {@code fix}); empty when not conventional
 * @param scope the scope without parentheses; empty when none
 * @param description the description (or, when not conventional, the first line)
 * @param breaking whether it is a breaking change
 * @param breakingNote the text of the {@code BREAKING CHANGE:} footer; empty when none
 * @param body the message after the header line, without the breaking footer; empty when none
 */
public record ConventionalCommit(
    String commit,
    String type,
    String scope,
    String description,
    boolean breaking,
    String breakingNote,
    String body) {

  private static final Pattern HEADER =
      Pattern.compile("^(?<type>[A-Za-z]+)(?:\\((?<scope>[^()\\r\\n]*)\\))?(?<bang>!)?: (?<desc>.+)$");
  private static final Pattern BREAKING_FOOTER =
      Pattern.compile("^BREAKING[ -]CHANGE: ?(?<note>.*)$", Pattern.MULTILINE);
  private static final Pattern RELEASE_MESSAGE =
      Pattern.compile("^[Rr]elease v?\\d+\\.\\d+\\.\\d+.*$");

  /** Reads {@code message} of the commit {@code commit} (short SHA). */
  public static ConventionalCommit parse(String commit, String message) {
    String text = message == null ? "" : message.strip();
    int end = text.indexOf('\n');
    String header = (end < 0 ? text : text.substring(0, end)).strip();
    String body = end < 0 ? "" : text.substring(end + 1);
    Matcher footer = BREAKING_FOOTER.matcher(body);
    String note = "";
    boolean footerBreaking = false;
    String prose = body.strip();
    if (footer.find()) {
      footerBreaking = true;
      note = footer.group("note").strip();
      prose = body.substring(0, footer.start()).strip();
    }
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      return new ConventionalCommit(commit, "", "", header, footerBreaking, note, prose);
    }
    return new ConventionalCommit(
        commit,
        m.group("type").toLowerCase(Locale.ROOT),
        m.group("scope") == null ? "" : m.group("scope").strip(),
        m.group("desc").strip(),
        m.group("bang") != null || footerBreaking,
        note,
        prose);
  }

  public boolean conventional() {
    return !type.isEmpty();
  }

  /**
   * A commit that makes a release rather than a change: {@code chore(release): ...} or a message
   * starting with {@code Release v1.2.3}. Release notes leave these out.
   */
  public boolean releaseCommit() {
    return ("chore".equals(type) && "release".equalsIgnoreCase(scope))
        || (!conventional() && RELEASE_MESSAGE.matcher(description).matches());
  }

  /** {@code type(scope)} as the notes show it; empty when not conventional. */
  public String label() {
    if (!conventional()) {
      return "";
    }
    return scope.isEmpty() ? type : type + "(" + scope + ")";
  }
}
