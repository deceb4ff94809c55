package org.beelms.reference.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.beelms.reference.ApiRoute;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The API's resource classes and the routes their JAX-RS annotations declare. The annotations are the
 * only route table: faults, the OpenAPI drift test and the release tooling all read them from here.
 */
public final class ApiResources {

  /** Every class whose {@code @Path} methods form the API under the prefix. */
  public static final List<Class<?>> RESOURCE_CLASSES = List.of(
      HealthResource.class, WikiResource.class, AuthResource.class, UsersMeResource.class,
      CourseResource.class, AdminResource.class, AdminBackupResource.class);

  /** The route that the {@code --no-task-route} variant leaves out. */
  public static final ApiRoute TASK_COMPLETE_ROUTE =
      ApiRoute.of("POST", "/courses/{courseId}/tasks/{taskId}/complete");

  private static final Map<Method, Optional<ApiRoute>> ROUTE_CACHE = new ConcurrentHashMap<>();

  private ApiResources() {
  }

  /** All routes of the API, relative to the prefix, in declaration order. */
  public static Set<ApiRoute> routes() {
    Set<ApiRoute> routes = new LinkedHashSet<>();
    for (Class<?> resource : RESOURCE_CLASSES) {
      for (Method method : resource.getDeclaredMethods()) {
        routeOf(resource, method).ifPresent(routes::add);
      }
    }
    return Collections.unmodifiableSet(routes);
  }

  /** A route and its guards, as declared by {@link Authenticated} and {@link AdminOnly} on the class or method. */
  public record RouteGuards(ApiRoute route, boolean authenticated, boolean adminOnly) {
  }

  /** Every route with its guards, in declaration order. */
  public static List<RouteGuards> routeGuards() {
    List<RouteGuards> guards = new ArrayList<>();
    for (Class<?> resource : RESOURCE_CLASSES) {
      for (Method method : resource.getDeclaredMethods()) {
        routeOf(resource, method).ifPresent(route -> guards.add(new RouteGuards(route,
            resource.isAnnotationPresent(Authenticated.class) || method.isAnnotationPresent(Authenticated.class),
            resource.isAnnotationPresent(AdminOnly.class) || method.isAnnotationPresent(AdminOnly.class))));
      }
    }
    return List.copyOf(guards);
  }

  /** The route of a resource method: its HTTP method annotation and the class and method {@code @Path}s joined. */
  public static Optional<ApiRoute> routeOf(Class<?> resource, Method method) {
    return ROUTE_CACHE.computeIfAbsent(method, m -> {
      String httpMethod = httpMethod(m);
      Path classPath = resource.getAnnotation(Path.class);
      if (httpMethod == null || classPath == null) {
        return Optional.empty();
      }
      Path methodPath = m.getAnnotation(Path.class);
      String path = "/" + classPath.value() + (methodPath == null ? "" : "/" + methodPath.value());
      return Optional.of(ApiRoute.of(httpMethod, path));
    });
  }

  /** The route Jersey matched for this request (post-matching filters only). */
  static Optional<ApiRoute> matchedRoute(ContainerRequestContext request) {
    if (!(request.getUriInfo() instanceof ExtendedUriInfo uriInfo)) {
      return Optional.empty();
    }
    ResourceMethod matched = uriInfo.getMatchedResourceMethod();
    if (matched == null || matched.getInvocable() == null) {
      return Optional.empty();
    }
    Method definition = matched.getInvocable().getDefinitionMethod();
    return routeOf(definition.getDeclaringClass(), definition);
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (httpMethod != null) {
        return httpMethod.value();
      }
    }
    return null;
  }
}
