package org.beelms.reference.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fault {@code --fault-500-on-malformed-id}: a path id ({@code id}, {@code courseId}, ...) that is not a
 * UUID answers 500 with the database's cast error, as a service that hands raw path values to SQL does.
 * Runs after matching and before the guards, like the other per-route faults.
 */
@Priority(101)
final class MalformedIdFaultFilter implements ContainerRequestFilter {

  private static final Pattern UUID_TEXT =
      Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  @Override
  public void filter(ContainerRequestContext request) {
    for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getPathParameters().entrySet()) {
      String name = parameter.getKey();
      if (!name.equals("id") && !name.endsWith("Id")) {
        continue;
      }
      for (String value : parameter.getValue()) {
        if (!UUID_TEXT.matcher(value).matches()) {
          request.abortWith(ErrorResponses.of(ApiException.of(500, "INTERNAL_ERROR",
              "QueryFailedError: invalid input syntax for type uuid: \"" + value + "\"")));
          return;
        }
      }
    }
  }
}
