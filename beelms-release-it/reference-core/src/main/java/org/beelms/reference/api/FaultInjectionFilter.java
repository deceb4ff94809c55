package org.beelms.reference.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.beelms.reference.ApiRoute;

/**
 * Per-route faults and variants, applied after matching and before the guards, so a removed protected
 * route answers 404 (not 401) exactly like an unimplemented one: absent routes → 404 JSON, failing
 * routes → 500 JSON, the slow route → a delay.
 */
@Priority(100)
final class FaultInjectionFilter implements ContainerRequestFilter {

  private final Set<ApiRoute> absentRoutes;
  private final Set<ApiRoute> failingRoutes;
  private final Optional<ApiRoute> slowRoute;
  private final Duration slowDelay;

  FaultInjectionFilter(Set<ApiRoute> absentRoutes, Set<ApiRoute> failingRoutes, Optional<ApiRoute> slowRoute,
      Duration slowDelay) {
    this.absentRoutes = absentRoutes;
    this.failingRoutes = failingRoutes;
    this.slowRoute = slowRoute;
    this.slowDelay = slowDelay;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<ApiRoute> route = ApiResources.matchedRoute(request);
    if (route.isEmpty()) {
      return;
    }
    if (slowRoute.isPresent() && slowRoute.equals(route)) {
      SlowResponsesFilter.pause(slowDelay);
    }
    if (absentRoutes.contains(route.get())) {
      request.abortWith(ErrorResponses.routeNotFound(request.getMethod(), request.getUriInfo().getRequestUri().getPath()));
    } else if (failingRoutes.contains(route.get())) {
      request.abortWith(ErrorResponses.of(ApiException.of(500, "INTERNAL_ERROR", "Internal server error")));
    }
  }
}
