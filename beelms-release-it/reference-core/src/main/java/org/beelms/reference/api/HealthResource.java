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
import org.beelms.reference.IdentitySwitches;
import org.beelms.reference.ReferenceCoreConfig;
import org.beelms.reference.db.MetricsRepository;

/**
 * {@code GET /health}: asks the database (SELECT 1, 2 s) and reports the running version (also as
 * the {@code X-App-Version} header); with {@code --health-without-version} only {@code
 * {"status":"ok"}}, as the real beelms core answers.
 */
@Singleton
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

  private static final int DATABASE_TIMEOUT_SECONDS = 2;

  private final MetricsRepository database;
  private final String version;
  private final IdentitySwitches identity;

  @Inject
  public HealthResource(MetricsRepository database, ReferenceCoreConfig config) {
    this.database = database;
    this.version = config.reportedVersion();
    this.identity = config.identity();
  }

  @GET
  public Response health() {
    boolean up = database.databaseAnswers(DATABASE_TIMEOUT_SECONDS);
    String shown = identity.shownVersion(version);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "ok" : "error");
    if (!identity.healthWithoutVersion()) {
      body.put("db", up ? "up" : "down");
      body.put("version", shown);
    }
    return Response.status(up ? 200 : 503).entity(body).header("X-App-Version", shown).build();
  }
}
