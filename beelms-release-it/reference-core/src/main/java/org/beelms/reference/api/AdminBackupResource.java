package org.beelms.reference.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.beelms.reference.backup.BackupJobs;
import org.beelms.reference.backup.BackupStore;

/**
 * The admin backup API of beelms core ({@code be/src/backups/admin-backups.controller.ts}), same
 * routes and answers: create a backup (a job), poll the job, list the backups, restore one (a
 * job), download one. Admin only. The dump is real: {@link org.beelms.reference.backup.SqlDump}.
 */
@Singleton
@Path("admin/backups")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@AdminOnly
public final class AdminBackupResource {

  private static final String BACKUP_NOT_FOUND = "Backup not found";

  private final BackupJobs jobs;

  @Inject
  public AdminBackupResource(BackupJobs jobs) {
    this.jobs = jobs;
  }

  /** {@code {}} or {@code {"encryptionPassword": "…"}}; answers {@code {"jobId": "…"}}. */
  @POST
  public Response create(@Context SecurityContext security, String rawBody) {
    Optional<String> password = password(rawBody);
    BackupJobs.Job job = jobs.backup(password, CurrentUser.of(security).account().email());
    return Response.status(201).entity(Map.of("jobId", job.id())).build();
  }

  @GET
  @Path("jobs/{jobId}")
  public BackupJobs.Job job(@PathParam("jobId") String jobId) {
    return jobs.job(jobId).orElseThrow(() -> ApiException.notFound("Job not found"));
  }

  @GET
  public List<BackupStore.Backup> list() {
    return jobs.store().list();
  }

  /** {@code {"encryptionPassword": …}} when the backup is encrypted; answers {@code {"jobId": "…"}}. */
  @POST
  @Path("{id}/restore")
  public Response restore(@PathParam("id") String id, String rawBody) {
    Optional<String> password = password(rawBody);
    BackupStore.Backup backup = jobs.store().find(id).orElseThrow(() -> ApiException.notFound(BACKUP_NOT_FOUND));
    return Response.status(201).entity(Map.of("jobId", jobs.restore(backup, password).id())).build();
  }

  /** The SQL dump; header {@code x-backup-password} for an encrypted one. */
  @GET
  @Path("{id}/download")
  @Produces("application/sql")
  public Response download(@PathParam("id") String id, @HeaderParam("x-backup-password") String password) {
    BackupStore.Backup backup = jobs.store().find(id).orElseThrow(() -> ApiException.notFound(BACKUP_NOT_FOUND));
    try {
      byte[] dump = jobs.store().read(backup, Optional.ofNullable(password).filter(p -> !p.isEmpty()));
      return Response.ok(dump, "application/sql")
          .header("Content-Disposition", "attachment; filename=\"" + backup.id() + ".sql\"").build();
    } catch (IOException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static Optional<String> password(String rawBody) {
    if (rawBody == null || rawBody.isBlank()) {
      return Optional.empty();
    }
    ObjectNode body = JsonBodies.object(rawBody);
    List<String> problems = new ArrayList<>();
    JsonBodies.rejectUnknownFields(body, Set.of("encryptionPassword"), problems);
    JsonNode password = body.get("encryptionPassword");
    if (password != null && !password.isNull() && !password.isTextual()) {
      problems.add("encryptionPassword must be a string");
    }
    JsonBodies.failIfAny(problems);
    return password == null || password.isNull() || password.asText().isEmpty()
        ? Optional.empty() : Optional.of(password.asText());
  }
}
