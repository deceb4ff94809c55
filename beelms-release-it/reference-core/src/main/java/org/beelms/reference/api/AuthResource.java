package org.beelms.reference.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.beelms.reference.ReferenceCoreConfig;
import org.beelms.reference.db.UserRecord;
import org.beelms.reference.db.UserRepository;

/** WS-2: registration and login, rate-limited per client address. */
@Singleton
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final int MAX_EMAIL_LENGTH = 254;
  private static final Set<String> REGISTER_FIELDS = Set.of("email", "password");
  private static final Set<String> REGISTER_FIELDS_WITH_TERMS = Set.of("email", "password", "acceptTerms",
      "captchaToken");
  private static final Set<String> LOGIN_FIELDS = Set.of("email", "password");

  private final UserRepository users;
  private final PasswordHasher passwords;
  private final TokenService tokens;
  private final RateLimiter rateLimiter;
  private final boolean requireAcceptTerms;

  @Inject
  public AuthResource(UserRepository users, PasswordHasher passwords, TokenService tokens, RateLimiter rateLimiter,
      ReferenceCoreConfig config) {
    this.users = users;
    this.passwords = passwords;
    this.tokens = tokens;
    this.rateLimiter = rateLimiter;
    this.requireAcceptTerms = config.requireAcceptTerms();
  }

  @POST
  @Path("register")
  public Response register(String rawBody) {
    // Counted before validation: failed attempts use up the limit too.
    Map<String, String> limitHeaders = rateLimiter.acquireRegister(ClientAddress.current());
    try {
      ObjectNode body = JsonBodies.object(rawBody);
      List<String> problems = new ArrayList<>();
      JsonBodies.rejectUnknownFields(body, requireAcceptTerms ? REGISTER_FIELDS_WITH_TERMS : REGISTER_FIELDS,
          problems);
      String email = JsonBodies.string(body, "email", problems);
      if (email != null && (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email.trim()).matches())) {
        problems.add("email must be an email");
      }
      String password = JsonBodies.string(body, "password", problems);
      if (password != null && password.length() < ReferenceCoreConfig.MIN_PASSWORD_LENGTH) {
        problems.add("password must be longer than or equal to " + ReferenceCoreConfig.MIN_PASSWORD_LENGTH
            + " characters");
      }
      if (password != null && password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
        problems.add("password must be at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
      }
      if (requireAcceptTerms) {
        JsonNode accept = body.get("acceptTerms");
        if (accept == null || !accept.isBoolean() || !accept.booleanValue()) {
          problems.add("acceptTerms must be true");
        }
        JsonNode captcha = body.get("captchaToken");
        if (captcha != null && !captcha.isTextual() && !captcha.isNull()) {
          problems.add("captchaToken must be a string");
        }
      }
      JsonBodies.failIfAny(problems);
      String normalisedEmail = email.trim().toLowerCase(Locale.ROOT);
      UserRecord created = users.create(normalisedEmail, passwords.hash(password), "user")
          .orElseThrow(() -> ApiException.conflict("Email is already registered"));
      Response.ResponseBuilder response = Response.status(201).entity(Views.account(created));
      limitHeaders.forEach(response::header);
      return response.build();
    } catch (ApiException e) {
      throw withHeaders(e, limitHeaders);
    }
  }

  @POST
  @Path("login")
  public Response login(String rawBody) {
    ObjectNode body = JsonBodies.object(rawBody);
    List<String> problems = new ArrayList<>();
    JsonBodies.rejectUnknownFields(body, LOGIN_FIELDS, problems);
    String email = JsonBodies.string(body, "email", problems);
    String password = JsonBodies.string(body, "password", problems);
    JsonBodies.failIfAny(problems);
    String normalisedEmail = email.trim().toLowerCase(Locale.ROOT);
    String ip = ClientAddress.current();
    Map<String, String> limitHeaders = rateLimiter.acquireLogin(ip, normalisedEmail);
    UserRecord account = users.findByEmail(normalisedEmail).orElse(null);
    boolean passwordMatches = passwords.matches(password, account == null ? null : account.passwordHash());
    if (account == null || !passwordMatches || !account.active() || account.deleted()) {
      rateLimiter.loginFailed(ip, normalisedEmail);
      throw withHeaders(ApiException.unauthorized("Invalid credentials"), limitHeaders);
    }
    rateLimiter.loginSucceeded(ip, normalisedEmail);
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("accessToken", tokens.issue(account));
    token.put("tokenType", "Bearer");
    token.put("expiresIn", tokens.ttlSeconds());
    Response.ResponseBuilder response = Response.ok(token);
    limitHeaders.forEach(response::header);
    return response.build();
  }

  /** The rate-limit headers belong on error answers too (a 429 brings its own). */
  private static ApiException withHeaders(ApiException error, Map<String, String> headers) {
    if (headers.isEmpty() || error.status() == 429) {
      return error;
    }
    return error.withHeaders(headers);
  }
}
