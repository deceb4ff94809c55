package org.beelms.reference.api;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DELETE;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beelms.reference.db.CourseRepository;
import org.beelms.reference.db.EnrolledCourseRecord;
import org.beelms.reference.db.UserRepository;

/** WS-2/WS-3: the caller's own account and enrolments. */
@Singleton
@Path("users/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public final class UsersMeResource {

  private final UserRepository users;
  private final CourseRepository courses;

  @Inject
  public UsersMeResource(UserRepository users, CourseRepository courses) {
    this.users = users;
    this.courses = courses;
  }

  @GET
  public Map<String, Object> me(@Context SecurityContext security) {
    return Views.account(CurrentUser.of(security).account());
  }

  /** Deactivates and anonymises the account; its tokens and credentials stop working at once. */
  @DELETE
  public Response delete(@Context SecurityContext security) {
    users.anonymise(CurrentUser.of(security).id());
    return Response.noContent().build();
  }

  @GET
  @Path("courses")
  public List<Map<String, Object>> myCourses(@Context SecurityContext security) {
    return courses.enrolledCourses(CurrentUser.of(security).id()).stream().map(UsersMeResource::view).toList();
  }

  private static Map<String, Object> view(EnrolledCourseRecord enrolled) {
    Map<String, Object> view = new LinkedHashMap<>(Views.course(enrolled.course()));
    int percent = CourseResource.percent(enrolled.completedItems(), enrolled.totalItems());
    view.put("enrollmentStatus", enrolled.completedItems() == 0 ? "not_started"
        : enrolled.completedItems() >= enrolled.totalItems() ? "completed" : "in_progress");
    view.put("progressPercent", percent);
    view.put("enrolledAt", enrolled.enrolledAt());
    return view;
  }
}
