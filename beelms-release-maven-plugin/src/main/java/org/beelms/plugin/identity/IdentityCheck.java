package org.beelms.plugin.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Looks once, bounded, at what runs on an environment, as its {@link IdentitySettings} say (the
 * version in {@code /health}'s answer, a JSON pointer or header of an endpoint, or what a command
 * prints), and compares it with a release ({@link ReleaseIdentity#match}). Never waits: the health
 * wait asks again until it is proven or its deadline passes.
 */
public final class IdentityCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_REQUEST = Duration.ofSeconds(5);
  private static final Duration MAX_COMMAND = Duration.ofSeconds(30);
  private static final Duration MIN_BOUND = Duration.ofMillis(250);

  /** Runs the identity command: bounded, the hook's variables in its environment, output redacted. */
  @FunctionalInterface
  public interface CommandRunner {

    Output run(String command, Map<String, String> variables, Duration timeout) throws IOException;

    /**
     * @param exitCode the command's exit code; -1 when it timed out
     * @param timedOut true when it was stopped at the timeout
     * @param text what it printed (stdout and stderr), secrets masked
     */
    record Output(int exitCode, boolean timedOut, String text) {}
  }

  private final IdentitySettings settings;
  private final CommandRunner commands;
  private final HttpClient http;

  /**
   * @param commands runs {@code <identityCommand>}; may be null unless the mode is {@code command}
   */
  public IdentityCheck(IdentitySettings settings, CommandRunner commands) {
    this.settings = Objects.requireNonNull(settings, "settings");
    if (settings.mode() == IdentityMode.COMMAND) {
      Objects.requireNonNull(commands, "commands");
    }
    this.commands = commands;
    this.http =
        settings.mode() == IdentityMode.ENDPOINT
            ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build()
            : null;
  }

  /** The check of the default mode: {@code /health}'s version. */
  public static IdentityCheck health() {
    return new IdentityCheck(IdentitySettings.HEALTH, null);
  }

  public IdentitySettings settings() {
    return settings;
  }

  /**
   * What runs, compared with {@code expected}.
   *
   * @param healthBody what {@code /health} answered (read in mode {@code health})
   * @param variables the deploy hook's variables (for the command)
   * @param budget at most this long (at least 250 ms)
   */
  public IdentityProof look(
      ReleaseIdentity expected, String healthBody, Map<String, String> variables, Duration budget) {
    Duration bound = budget.compareTo(MIN_BOUND) < 0 ? MIN_BOUND : budget;
    return switch (settings.mode()) {
      case NONE -> IdentityProof.notVerified();
      case HEALTH -> fromHealth(expected, healthBody);
      case ENDPOINT -> fromEndpoint(expected, bound);
      case COMMAND -> fromCommand(expected, variables, bound);
    };
  }

  /** True when {@code proof} cannot change by waiting: health answers 200 but reports no version. */
  public boolean hopeless(IdentityProof proof) {
    return settings.mode() == IdentityMode.HEALTH && proof.outcome() == IdentityProof.Outcome.NOT_READ;
  }

  private IdentityProof fromHealth(ReleaseIdentity expected, String body) {
    String version = "";
    try {
      JsonNode node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
      JsonNode v = node == null ? null : node.get("version");
      version = v != null && v.isValueNode() ? v.asText().trim() : "";
    } catch (IOException e) {
      // not JSON: no version
    }
    if (version.isEmpty()) {
      return new IdentityProof(IdentityMode.HEALTH, IdentityProof.Outcome.NOT_READ, "",
          "/health answers without a version, so <identity>health</identity> cannot prove which release runs;"
              + " declare <identity>command</identity> with an <identityCommand> (e.g. docker inspect --format"
              + " '{{index .RepoDigests 0}}' <container>), <identity>endpoint</identity> with an <identityUrl>,"
              + " or <identity>none</identity> (recorded as not verified)");
    }
    return compare(expected, version, "/health reports version " + version);
  }

  private IdentityProof fromEndpoint(ReleaseIdentity expected, Duration bound) {
    URI uri = settings.url().orElseThrow();
    Duration timeout = bound.compareTo(MAX_REQUEST) > 0 ? MAX_REQUEST : bound;
    try {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
              HttpResponse.BodyHandlers.ofString());
      String where = "GET " + uri;
      if (response.statusCode() / 100 != 2) {
        return notRead(where + " answered HTTP " + response.statusCode());
      }
      String value;
      if (settings.header()) {
        value = response.headers().firstValue(settings.headerName()).orElse("");
        where += " header " + settings.headerName();
      } else {
        JsonNode node;
        try {
          node = JSON.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body()).at(settings.pointer());
        } catch (IOException e) {
          return notRead(where + " answered HTTP " + response.statusCode() + " with no JSON");
        }
        value = node.isValueNode() ? node.asText() : "";
        where += " " + settings.pointer();
      }
      if (value.isBlank()) {
        return notRead(where + " is missing or empty");
      }
      return compare(expected, value, where + " is " + value.trim());
    } catch (IOException e) {
      return notRead("GET " + uri + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return notRead("GET " + uri + ": interrupted");
    } catch (IllegalArgumentException e) {
      return notRead("GET " + uri + ": the JSON pointer " + settings.pointer() + " is not valid: " + e.getMessage());
    }
  }

  private IdentityProof fromCommand(ReleaseIdentity expected, Map<String, String> variables, Duration bound) {
    Duration timeout = bound.compareTo(MAX_COMMAND) > 0 ? MAX_COMMAND : bound;
    CommandRunner.Output out;
    try {
      out = commands.run(settings.command(), variables, timeout);
    } catch (IOException e) {
      return notRead("the <identityCommand> could not start: " + e.getMessage());
    }
    String text = out.text() == null ? "" : out.text().strip();
    if (out.timedOut()) {
      return notRead("the <identityCommand> did not finish within " + timeout.toMillis() + " ms");
    }
    if (out.exitCode() != 0) {
      return new IdentityProof(IdentityMode.COMMAND, IdentityProof.Outcome.NOT_READ, text,
          "the <identityCommand> exited with " + out.exitCode() + (text.isEmpty() ? "" : ": " + oneLine(text)));
    }
    if (text.isEmpty()) {
      return notRead("the <identityCommand> printed nothing");
    }
    return compare(expected, text, "the <identityCommand> printed " + oneLine(text));
  }

  private IdentityProof compare(ReleaseIdentity expected, String seen, String what) {
    ReleaseIdentity.Match match = expected.match(seen);
    return switch (match.verdict()) {
      case THIS_RELEASE -> new IdentityProof(settings.mode(), IdentityProof.Outcome.PROVEN, seen, match.proof());
      case ANOTHER_RELEASE -> new IdentityProof(settings.mode(), IdentityProof.Outcome.ANOTHER_RELEASE, seen, what);
      case UNRECOGNISED -> new IdentityProof(settings.mode(), IdentityProof.Outcome.NOT_READ, seen,
          what + ": no image digest, version or commit (7+ hex characters) in it");
    };
  }

  private IdentityProof notRead(String why) {
    return new IdentityProof(settings.mode(), IdentityProof.Outcome.NOT_READ, "", why);
  }

  private static String oneLine(String s) {
    String line = s.strip().replaceAll("\\s*\\R\\s*", " | ");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
