package org.beelms.plugin.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What identifies one release where it runs: its version, git tag, commit and image digest. {@link
 * #match} reads what an environment shows (an image reference with {@code @sha256:…}, a digest, a
 * version, a commit or an abbreviation of at least 7 characters) and says whether it is this
 * release, another one, or nothing recognisable.
 *
 * @param version e.g. {@code 0.2.0}
 * @param tag e.g. {@code v0.2.0}
 * @param commit the full SHA; empty when unknown
 * @param digest {@code sha256:…}; empty when unknown
 */
public record ReleaseIdentity(String version, String tag, String commit, String digest) {

  private static final Pattern DIGEST = Pattern.compile("sha256:([0-9a-f]{64})");
  private static final Pattern BARE_DIGEST = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]+)?)");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{7,40}");
  /** What separates values in a command's output: blanks, quotes, brackets, commas, {@code =}. */
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,;\"'`\\[\\]{}()=|<>]+");

  public ReleaseIdentity {
    version = nonNull(version);
    tag = nonNull(tag);
    commit = nonNull(commit).toLowerCase(Locale.ROOT);
    digest = nonNull(digest).toLowerCase(Locale.ROOT);
  }

  /** {@code v0.2.0 (0.2.0, sha256:…, commit 1a2b3c4)}: what is awaited, for messages. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    parts.add(version);
    if (!digest.isEmpty()) {
      parts.add(digest);
    }
    if (!commit.isEmpty()) {
      parts.add("commit " + commit.substring(0, Math.min(7, commit.length())));
    }
    return (tag.isEmpty() ? version : tag) + " (" + String.join(", ", parts) + ")";
  }

  /** How what an environment shows compares with this release. */
  public enum Verdict {
    /** Some value is this release's and none names another release. */
    THIS_RELEASE,
    /** A digest or version of another release, or only commits that are not this release's. */
    ANOTHER_RELEASE,
    /** No digest, version or commit in it. */
    UNRECOGNISED
  }

  /**
   * The verdict on {@code seen} and, when it is this release, the proof.
   *
   * @param verdict the verdict
   * @param proof e.g. {@code running image sha256:… = v0.2.0}; empty unless {@link Verdict#THIS_RELEASE}
   */
  public record Match(Verdict verdict, String proof) {}

  /**
   * Compares {@code seen} with this release. Every digest and version in it must be this release's
   * (during a rolling update some instances may still run the old one); a hex value that is not
   * this release's commit is ignored when something else proves the release (it may be an image
   * id, as {@code docker compose images} prints), and counts as another release when nothing does.
   */
  public Match match(String seen) {
    String proof = "";
    boolean other = false;
    boolean otherHex = false;
    for (String token : SEPARATORS.split(seen == null ? "" : seen.trim())) {
      if (token.isEmpty()) {
        continue;
      }
      String lower = token.toLowerCase(Locale.ROOT);
      Matcher d = DIGEST.matcher(lower);
      if (d.find() || BARE_DIGEST.matcher(lower).matches()) {
        String found = lower.contains("sha256:") ? "sha256:" + d.group(1) : "sha256:" + lower;
        if (!digest.isEmpty() && found.equals(digest)) {
          proof = proof.isEmpty() ? "running image " + found + " = " + label() : proof;
        } else {
          other = true;
        }
        continue;
      }
      // an image reference with a tag (host:port/repo:v0.2.0): the tag after the last ':'
      String candidate = token.contains(":") ? token.substring(token.lastIndexOf(':') + 1) : token;
      Matcher v = VERSION.matcher(candidate);
      if (v.matches()) {
        if (v.group(1).equals(version)) {
          proof = proof.isEmpty() ? "running version " + candidate + " = " + label() : proof;
        } else {
          other = true;
        }
        continue;
      }
      if (HEX.matcher(lower).matches()) {
        if (!commit.isEmpty() && commit.startsWith(lower)) {
          proof = proof.isEmpty() ? "running commit " + lower + " = " + label() : proof;
        } else {
          otherHex = true;
        }
      }
    }
    if (other) {
      return new Match(Verdict.ANOTHER_RELEASE, "");
    }
    if (!proof.isEmpty()) {
      return new Match(Verdict.THIS_RELEASE, proof);
    }
    return new Match(otherHex ? Verdict.ANOTHER_RELEASE : Verdict.UNRECOGNISED, "");
  }

  private String label() {
    return tag.isEmpty() ? version : tag;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s.trim();
  }

}
