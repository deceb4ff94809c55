package org.beelms.reference.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/** The admin guard of {@link AdminOnly} routes: runs after {@link AuthenticationFilter}; 401 without a user, 403 for non-admins. */
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
final class AdminOnlyFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    if (!(request.getSecurityContext().getUserPrincipal() instanceof CurrentUser)) {
      throw ApiException.unauthorized("Unauthorized");
    }
    if (!request.getSecurityContext().isUserInRole("admin")) {
      throw ApiException.forbidden("Admin role required");
    }
  }
}
