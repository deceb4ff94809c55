package org.beelms.reference.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.PATCH;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.PathParam;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.QueryParam;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.beelms.reference.db.MetricsRepository;
import org.beelms.reference.db.Page;
import org.beelms.reference.db.UserRecord;
import org.beelms.reference.db.UserRepository;
import org.beelms.reference.db.WikiArticleRecord;
import org.beelms.reference.db.WikiRepository;

/** WS-4: user administration, metrics and the full wiki list, for role admin only. */
@Singleton
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@AdminOnly
public final class AdminResource {

  private static final String USER_NOT_FOUND = "User not found";

  private final UserRepository users;
  private final MetricsRepository metrics;
  private final WikiRepository wiki;

  @Inject
  public AdminResource(UserRepository users, MetricsRepository metrics, WikiRepository wiki) {
    this.users = users;
    this.metrics = metrics;
    this.wiki = wiki;
  }

  @GET
  @Path("users")
  public Response users(@QueryParam("q") String query, @QueryParam("status") String status,
      @QueryParam("role") String role, @QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
    Paging paging = Paging.of(page, pageSize);
    List<String> problems = new ArrayList<>();
    Boolean active = null;
    String statusFilter = WikiResource.blankToNull(status);
    if (statusFilter != null) {
      switch (statusFilter) {
        case "active" -> active = true;
        case "inactive" -> active = false;
        default -> problems.add("status must be one of: active, inactive");
      }
    }
    String roleFilter = WikiResource.blankToNull(role);
    if (roleFilter != null && !Set.of("user", "admin").contains(roleFilter)) {
      problems.add("role must be one of: user, admin");
    }
    JsonBodies.failIfAny(problems);
    Page<UserRecord> found = users.search(WikiResource.blankToNull(query), active, roleFilter, paging.offset(),
        paging.pageSize());
    return Response.ok(found.items().stream().map(Views::adminUser).toList())
        .header("X-Total-Count", found.total()).build();
  }

  /** {@code {"active": bool}}; a deactivated user can no longer log in and their tokens stop working. */
  @PATCH
  @Path("users/{id}")
  public Map<String, Object> updateUser(@PathParam("id") String id, @Context SecurityContext security,
      String rawBody) {
    UUID userId = Ids.parse(id, USER_NOT_FOUND);
    ObjectNode body = JsonBodies.object(rawBody);
    List<String> problems = new ArrayList<>();
    JsonBodies.rejectUnknownFields(body, Set.of("active"), problems);
    JsonNode active = body.get("active");
    if (active == null || !active.isBoolean()) {
      problems.add("active must be a boolean value");
    }
    JsonBodies.failIfAny(problems);
    if (!active.booleanValue() && CurrentUser.of(security).id().equals(userId)) {
      throw ApiException.badRequest("Admins cannot deactivate their own account");
    }
    return users.setActive(userId, active.booleanValue()).map(Views::adminUser)
        .orElseThrow(() -> ApiException.notFound(USER_NOT_FOUND));
  }

  @GET
  @Path("metrics/overview")
  public Map<String, Long> metricsOverview() {
    return metrics.overview();
  }

  @GET
  @Path("wiki/articles")
  public Response wikiArticles(@QueryParam("q") String query, @QueryParam("lang") String lang,
      @QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
    Paging paging = Paging.of(page, pageSize);
    Page<WikiArticleRecord> articles = wiki.list(WikiResource.blankToNull(query), WikiResource.language(lang), false,
        paging.offset(), paging.pageSize());
    return Response.ok(articles.items().stream().map(Views::articleSummary).toList())
        .header("X-Total-Count", articles.total()).build();
  }
}
