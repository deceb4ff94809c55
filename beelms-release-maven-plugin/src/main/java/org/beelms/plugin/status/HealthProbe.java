package org.beelms.plugin.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.deploy.HealthWait;

/**
 * Asks an environment's {@code GET <url>/health} once, bounded: status asks what runs now, it does
 * not wait for anything to start (that is {@link HealthWait}'s job during a deploy).
 */
public final class HealthProbe {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Duration timeout;
  private final HttpClient http;

  public HealthProbe(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * What health answered.
   *
   * @param uri the URL asked
   * @param statusCode the HTTP status; 0 when there was no answer
   * @param version the version it reports; empty when it reports none
   * @param error why there was no answer; empty when there was one
   * @param body what it answered (for the identity in mode {@code health}); empty when no answer
   */
  public record Answer(URI uri, int statusCode, Optional<String> version, String error, String body) {

    public Answer {
      body = body == null ? "" : body;
    }

    public Answer(URI uri, int statusCode, Optional<String> version, String error) {
      this(uri, statusCode, version, error, "");
    }

    public boolean up() {
      return statusCode == 200;
    }

    /** {@code HTTP 200, version 0.1.1}, or the error. */
    public String describe() {
      if (statusCode == 0) {
        return "no answer from GET " + uri + " (" + error + ")";
      }
      return "HTTP " + statusCode + version.map(v -> ", version " + v).orElse(", no version reported");
    }
  }

  /** One {@code GET <apiBase>/health}, at most {@code timeout} to connect and as much to answer. */
  public Answer ask(URI apiBase) {
    URI uri = HealthWait.healthUri(apiBase);
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(uri, response.statusCode(), version(response.body()), "", response.body());
    } catch (IOException e) {
      return new Answer(uri, 0, Optional.empty(),
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(uri, 0, Optional.empty(), "interrupted");
    }
  }

  private static Optional<String> version(String body) {
    try {
      JsonNode node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
      JsonNode version = node.get("version");
      return version != null && version.isTextual() && !version.asText().isBlank()
          ? Optional.of(version.asText())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
