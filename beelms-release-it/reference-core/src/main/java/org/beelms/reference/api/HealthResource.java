package org.beelms.reference.api;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.beelms.reference.ReferenceCoreConfig;
import org.beelms.reference.db.MetricsRepository;

/** {@code GET /health}: asks the database (SELECT 1, 2 s) and reports the running version. */
@Singleton
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

  private static final int DATABASE_TIMEOUT_SECONDS = 2;

  private final MetricsRepository database;
  private final String version;

  @Inject
  public HealthResource(MetricsRepository database, ReferenceCoreConfig config) {
    this.database = database;
    this.version = config.reportedVersion();
  }

  @GET
  public Response health() {
    boolean up = database.databaseAnswers(DATABASE_TIMEOUT_SECONDS);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "ok" : "error");
    body.put("db", up ? "up" : "down");
    body.put("version", version);
    return Response.status(up ? 200 : 503).entity(body).build();
  }
}
