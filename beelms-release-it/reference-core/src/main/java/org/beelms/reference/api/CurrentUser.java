package org.beelms.reference.api;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.UUID;
import org.beelms.reference.db.UserRecord;

/** The account a request acts as, set by {@link AuthenticationFilter}. */
public record CurrentUser(UserRecord account) implements Principal {

  @Override
  public String getName() {
    return account.id().toString();
  }

  public UUID id() {
    return account.id();
  }

  /** The current user of an authenticated request; resources behind {@link Authenticated} always have one. */
  static CurrentUser of(SecurityContext context) {
    if (context.getUserPrincipal() instanceof CurrentUser user) {
      return user;
    }
    throw ApiException.unauthorized("Unauthorized");
  }

  /** A security context for this user. */
  SecurityContext context(boolean secure) {
    CurrentUser self = this;
    return new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return self;
      }

      @Override
      public boolean isUserInRole(String role) {
        return account.role().equals(role);
      }

      @Override
      public boolean isSecure() {
        return secure;
      }

      @Override
      public String getAuthenticationScheme() {
        return "Bearer";
      }
    };
  }
}
