package org.beelms.reference.api;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.beelms.reference.db.UserRecord;

/** HS256 access tokens: subject = user id, {@code ver} = the account's token version when issued. */
public final class TokenService {

  private static final String ISSUER = "beelms-reference-core";
  private static final String VERSION_CLAIM = "ver";

  private final Algorithm algorithm;
  private final JWTVerifier verifier;
  private final Duration ttl;
  private final Clock clock;
  private final boolean acceptAlgNone;

  public TokenService(String secret, Duration ttl, Clock clock) {
    this(secret, ttl, clock, false);
  }

  /** {@code acceptAlgNone} is the fault switch that makes this guard accept unsigned tokens. */
  public TokenService(String secret, Duration ttl, Clock clock, boolean acceptAlgNone) {
    this.acceptAlgNone = acceptAlgNone;
    this.algorithm = Algorithm.HMAC256(secret);
    this.verifier = JWT.require(algorithm).withIssuer(ISSUER).withClaimPresence(VERSION_CLAIM).build();
    this.ttl = ttl;
    this.clock = clock;
  }

  public String issue(UserRecord user) {
    Instant now = clock.instant();
    return JWT.create()
        .withIssuer(ISSUER)
        .withSubject(user.id().toString())
        .withClaim("email", user.email())
        .withClaim("role", user.role())
        .withClaim(VERSION_CLAIM, user.tokenVersion())
        .withJWTId(UUID.randomUUID().toString())
        .withIssuedAt(now)
        .withExpiresAt(now.plus(ttl))
        .sign(algorithm);
  }

  /** The subject and token version of a valid token; empty for a malformed, expired or wrongly signed one. */
  public Optional<VerifiedToken> verify(String token) {
    if (acceptAlgNone) {
      Optional<VerifiedToken> unsigned = unsigned(token);
      if (unsigned.isPresent()) {
        return unsigned;
      }
    }
    DecodedJWT decoded;
    try {
      decoded = verifier.verify(token);
    } catch (JWTVerificationException e) {
      return Optional.empty();
    }
    Integer version = decoded.getClaim(VERSION_CLAIM).asInt();
    String subject = decoded.getSubject();
    if (version == null || subject == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new VerifiedToken(UUID.fromString(subject), version));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The fault: an {@code alg: none} token is taken at its word (subject; token version when it names one). */
  private static Optional<VerifiedToken> unsigned(String token) {
    try {
      DecodedJWT decoded = JWT.decode(token);
      if (!"none".equalsIgnoreCase(decoded.getAlgorithm()) || decoded.getSubject() == null) {
        return Optional.empty();
      }
      Integer version = decoded.getClaim(VERSION_CLAIM).asInt();
      return Optional.of(new VerifiedToken(UUID.fromString(decoded.getSubject()), version == null ? -1 : version));
    } catch (JWTVerificationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public long ttlSeconds() {
    return ttl.toSeconds();
  }

  /** What a valid token says; a token version of -1 (only from the alg-none fault) matches any account version. */
  public record VerifiedToken(UUID userId, int tokenVersion) {

    boolean matches(int accountTokenVersion) {
      return tokenVersion == -1 || tokenVersion == accountTokenVersion;
    }
  }
}
