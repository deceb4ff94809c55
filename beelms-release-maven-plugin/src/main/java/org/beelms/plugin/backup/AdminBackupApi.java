package org.beelms.plugin.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.beelms.smoke.config.Credentials;

/**
 * beelms core's admin backup API ({@code be/src/backups/admin-backups.controller.ts}, {@code
 * JwtAuthGuard} + {@code AdminGuard}) as a client: log in as the admin ({@code POST /auth/login}),
 * start a backup or a restore (each answers {@code {"jobId"}}), poll the job (bounded) and list the
 * backups. Every call has a timeout; a 404 (no such API), 401/403 (no admin) or a failed job is a
 * {@link BackupApiException} whose message names the fix. Neither the password, the encryption
 * password nor the token ever appears in a message.
 */
public final class AdminBackupApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI api;
  private final Credentials admin;
  private final Optional<String> encryptionPassword;
  private final String adminServerId;
  private final Clock clock;
  private final HttpClient http;
  private String token;

  /**
   * @param api the environment's API base, e.g. {@code https://staging.example.org/api}
   * @param adminServerId the settings.xml server the account came from, for messages
   */
  public AdminBackupApi(URI api, Credentials admin, Optional<String> encryptionPassword, String adminServerId,
      Clock clock) {
    this.api = URI.create(api.toString().endsWith("/") ? api.toString() : api + "/");
    this.admin = admin;
    this.encryptionPassword = encryptionPassword;
    this.adminServerId = adminServerId;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A job's end: {@code done} with the backup id, or {@code failed} with the core's error. */
  public record Job(String id, String status, Optional<String> backupId, String error) {
    public boolean done() {
      return "done".equals(status);
    }
  }

  /** One backup of {@code GET /admin/backups}. */
  public record Listed(String id, String sha256, long sizeBytes, String createdAt, String status, boolean encrypted) {
  }

  /** Starts a backup; answers its job id. */
  public String startBackup() throws IOException, InterruptedException {
    return jobId(send("POST", "admin/backups", passwordBody()), "POST /api/admin/backups");
  }

  /** Starts the restore of {@code backupId}; answers its job id. */
  public String startRestore(String backupId) throws IOException, InterruptedException {
    String path = "admin/backups/" + URLEncoder.encode(backupId, StandardCharsets.UTF_8) + "/restore";
    return jobId(send("POST", path, passwordBody()), "POST /api/" + path);
  }

  /** Polls the job until it is done or failed; {@link BackupApiException} when {@code timeout} passes first. */
  public Job await(String jobId, Duration timeout, Duration poll) throws IOException, InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    String path = "admin/backups/jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8);
    while (true) {
      JsonNode job = send("GET", path, null);
      String status = status(job);
      if (status.equals("done") || status.equals("failed")) {
        return new Job(jobId, status, backupId(job),
            firstText(job, "error", "message", "errorMessage", "failureReason").orElse(""));
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new BackupApiException("job " + jobId + " is still '" + status + "' after " + timeout.toSeconds()
            + " s (GET " + api.resolve(path) + "); raise -Dbeelms.deploy.backupTimeout (e.g. PT20M) or check the"
            + " core's backup job");
      }
      Thread.sleep(poll.toMillis());
    }
  }

  /** Every backup the core lists. */
  public List<Listed> list() throws IOException, InterruptedException {
    JsonNode body = send("GET", "admin/backups", null);
    JsonNode items = body.isArray() ? body : body.has("items") ? body.get("items") : body.path("data");
    List<Listed> out = new ArrayList<>();
    for (JsonNode b : items) {
      out.add(new Listed(b.path("id").asText(), b.path("sha256").asText(""), b.path("sizeBytes").asLong(-1),
          b.path("createdAt").asText(""), b.path("status").asText(""), b.path("isEncrypted").asBoolean(false)));
    }
    return out;
  }

  /** The backup {@code id} as listed; empty when the core does not know it. */
  public Optional<Listed> find(String id) throws IOException, InterruptedException {
    return list().stream().filter(b -> b.id().equals(id)).findFirst();
  }

  private ObjectNode passwordBody() {
    ObjectNode body = JSON.createObjectNode();
    encryptionPassword.ifPresent(p -> body.put("encryptionPassword", p));
    return body;
  }

  private String jobId(JsonNode answer, String call) {
    return firstText(answer, "jobId", "id")
        .orElseThrow(() -> new BackupApiException(call + " answered no jobId; is " + api + " a beelms core?"));
  }

  private JsonNode send(String method, String path, ObjectNode body) throws IOException, InterruptedException {
    if (token == null) {
      token = login();
    }
    URI uri = api.resolve(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
        : request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response = call(request.build(), method + " " + uri);
    int code = response.statusCode();
    String call = method + " " + uri;
    if (code == 404 && (path.equals("admin/backups") || path.startsWith("admin/backups/jobs"))) {
      throw new BackupApiException(call + " answered 404: this core has no admin backup API (beelms core's"
          + " be/src/backups/admin-backups.controller.ts); deploy a core that has it, or set <backup>command</backup>"
          + " with a <backupCommand>, or <backup>none</backup>");
    }
    if (code == 404) {
      throw new BackupApiException(call + " answered 404: the core does not know this backup; list them with GET "
          + api.resolve("admin/backups"));
    }
    if (code == 401 || code == 403) {
      throw new BackupApiException(call + " answered " + code + ": the account '" + admin.email() + "' of settings.xml"
          + " server '" + adminServerId + "' (<adminServerId>) has no admin rights there; name a server whose"
          + " account has the admin role");
    }
    if (code / 100 != 2) {
      throw new BackupApiException(call + " answered " + code + ": " + excerpt(response.body()));
    }
    String text = response.body();
    return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
  }

  private String login() throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("email", admin.email()).put("password", admin.password());
    URI uri = api.resolve("auth/login");
    HttpResponse<String> response = call(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), "POST " + uri);
    if (response.statusCode() / 100 != 2) {
      throw new BackupApiException("POST " + uri + " answered " + response.statusCode() + " for the account '"
          + admin.email() + "' of settings.xml server '" + adminServerId + "' (<adminServerId>); check its"
          + " username and password");
    }
    return firstText(JSON.readTree(response.body()), "accessToken", "access_token", "token")
        .orElseThrow(() -> new BackupApiException("POST " + uri + " answered no accessToken"));
  }

  private HttpResponse<String> call(HttpRequest request, String what) throws IOException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.http.HttpTimeoutException e) {
      throw new BackupApiException(what + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
    } catch (IOException e) {
      throw new BackupApiException(what + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()) + "; is the environment's <url> right and up?");
    }
  }

  private static String status(JsonNode job) {
    String raw = firstText(job, "status", "state").orElse("").toLowerCase(Locale.ROOT);
    return switch (raw) {
      case "done", "completed", "complete", "succeeded", "success", "finished", "ready" -> "done";
      case "failed", "error", "errored" -> "failed";
      default -> raw.isEmpty() ? "running" : raw;
    };
  }

  private static Optional<String> backupId(JsonNode job) {
    Optional<String> direct = firstText(job, "backupId");
    if (direct.isPresent()) {
      return direct;
    }
    for (String holder : List.of("backup", "result")) {
      JsonNode inner = job.path(holder);
      Optional<String> id = firstText(inner, "backupId", "id");
      if (id.isPresent()) {
        return id;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> firstText(JsonNode node, String... fields) {
    for (String field : fields) {
      JsonNode value = node.get(field);
      if (value != null && !value.isNull() && !value.asText().isBlank()) {
        return Optional.of(value.asText());
      }
    }
    return Optional.empty();
  }

  private static String excerpt(String body) {
    String text = body == null ? "" : body.strip();
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
