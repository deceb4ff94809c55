package org.beelms.reference.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import java.util.Set;
import org.beelms.reference.ApiRoute;
import org.beelms.reference.db.UserRecord;
import org.beelms.reference.db.UserRepository;

/**
 * The JWT guard of {@link Authenticated} routes: a valid bearer token of an active account whose token
 * version still matches, else 401. The unguard fault switches it off per route: a request without a
 * token then acts as the configured admin account.
 */
@Authenticated
@Priority(Priorities.AUTHENTICATION)
final class AuthenticationFilter implements ContainerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final TokenService tokens;
  private final UserRepository users;
  private final Set<ApiRoute> unguardedRoutes;
  private final String unguardedActsAs;

  AuthenticationFilter(TokenService tokens, UserRepository users, Set<ApiRoute> unguardedRoutes,
      String unguardedActsAs) {
    this.tokens = tokens;
    this.users = users;
    this.unguardedRoutes = unguardedRoutes;
    this.unguardedActsAs = unguardedActsAs;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    boolean secure = request.getSecurityContext().isSecure();
    if (header == null && !unguardedRoutes.isEmpty()
        && ApiResources.matchedRoute(request).filter(unguardedRoutes::contains).isPresent()) {
      UserRecord someone = users.findByEmail(unguardedActsAs)
          .orElseThrow(() -> ApiException.unauthorized("Unauthorized"));
      request.setSecurityContext(new CurrentUser(someone).context(secure));
      return;
    }
    CurrentUser user = authenticate(header).orElseThrow(() -> ApiException.unauthorized("Unauthorized"));
    request.setSecurityContext(user.context(secure));
  }

  /** The account of a valid bearer header; empty for no header, a bad token or a stale/inactive account. */
  Optional<CurrentUser> authenticate(String header) {
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    return tokens.verify(header.substring(BEARER.length()).trim())
        .flatMap(token -> users.findById(token.userId())
            .filter(account -> account.active() && !account.deleted())
            .filter(account -> token.matches(account.tokenVersion())))
        .map(CurrentUser::new);
  }
}
