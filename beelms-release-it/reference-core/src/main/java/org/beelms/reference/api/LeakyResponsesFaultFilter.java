package org.beelms.reference.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.reference.ApiRoute;

/**
 * Faults that change successful answers: {@code --fault-leak-password-hash} adds the account's
 * {@code passwordHash} and {@code tokenVersion} to {@code GET /users/me}; {@code --fault-price-as-string}
 * turns every {@code priceCents} of a course answer into a JSON string.
 */
final class LeakyResponsesFaultFilter implements ContainerResponseFilter {

  private static final ApiRoute USERS_ME = ApiRoute.of("GET", "/users/me");

  private final boolean leakPasswordHash;
  private final boolean priceAsString;

  LeakyResponsesFaultFilter(boolean leakPasswordHash, boolean priceAsString) {
    this.leakPasswordHash = leakPasswordHash;
    this.priceAsString = priceAsString;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() / 100 != 2 || response.getEntity() == null) {
      return;
    }
    Object entity = response.getEntity();
    Optional<ApiRoute> route = ApiResources.matchedRoute(request);
    if (leakPasswordHash && route.equals(Optional.of(USERS_ME)) && entity instanceof Map<?, ?> map
        && request.getSecurityContext().getUserPrincipal() instanceof CurrentUser user) {
      Map<Object, Object> leaky = new LinkedHashMap<>(map);
      leaky.put("passwordHash", user.account().passwordHash());
      leaky.put("tokenVersion", user.account().tokenVersion());
      entity = leaky;
    }
    if (priceAsString) {
      entity = pricesAsStrings(entity);
    }
    response.setEntity(entity);
  }

  private static Object pricesAsStrings(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, "priceCents".equals(k) && v != null ? String.valueOf(v) : pricesAsStrings(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(pricesAsStrings(item)));
      return copy;
    }
    return value;
  }
}
