package org.beelms.plugin.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.ImageReference;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The HTTP side of the registry API v2 for {@link ManifestCopy}: which scheme a registry answers
 * on, the {@code WWW-Authenticate} challenge (Basic or Bearer token), timeouts, the traffic
 * counters, and errors that name the registry and the next step. No message ever contains a
 * credential.
 */
final class RegistryHttp {

  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<RegistryCredentials> credentials;
  private final boolean allowInsecureRegistries;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final Map<String, URI> endpoints = new ConcurrentHashMap<>();
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();

  RegistryHttp(
      Optional<RegistryCredentials> credentials,
      boolean allowInsecureRegistries,
      Duration connectTimeout,
      Duration requestTimeout) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.allowInsecureRegistries = allowInsecureRegistries;
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  ManifestCopy.Traffic traffic() {
    return new ManifestCopy.Traffic(requests.get(), bytesSent.get(), bytesReceived.get());
  }

  HttpRequest.Builder request(URI uri, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(requestTimeout);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  /**
   * The base URI that answers {@code GET /v2/} for {@code registry}: HTTPS, or plain HTTP when
   * HTTPS fails with a TLS error and insecure registries are allowed. Fails fast, naming the next
   * step, when the registry is down, unknown, or plain HTTP without permission.
   */
  URI endpoint(String registry) throws ImageException {
    URI known = endpoints.get(registry);
    if (known != null) {
      return known;
    }
    URI https = URI.create("https://" + registry + "/");
    try {
      probe(https);
      endpoints.put(registry, https);
      return https;
    } catch (SSLException e) {
      if (!allowInsecureRegistries) {
        throw new ImageException(ImageSuggestions.httpsRefused(registry), e);
      }
    } catch (IOException e) {
      throw connectionError(registry, e, "GET /v2/");
    }
    URI plain = URI.create("http://" + registry + "/");
    try {
      probe(plain);
    } catch (IOException e) {
      throw connectionError(registry, e, "GET /v2/");
    }
    endpoints.put(registry, plain);
    return plain;
  }

  private void probe(URI base) throws IOException {
    try {
      requests.incrementAndGet();
      http.send(
          HttpRequest.newBuilder(base.resolve("/v2/")).timeout(requestTimeout).GET().build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SSLException ssl) {
          throw ssl;
        }
      }
      throw e;
    }
  }

  /** Sends a request; on 401 answers the challenge once and sends it again. */
  <T> HttpResponse<T> send(
      ImageReference ref,
      Function<String, HttpRequest> request,
      HttpResponse.BodyHandler<T> handler,
      String action)
      throws ImageException {
    String key = ref.getRegistry() + "/" + ref.getRepository();
    HttpResponse<T> response = exchange(ref.getRegistry(), request.apply(authorizations.get(key)), handler, action);
    if (response.statusCode() != 401) {
      return response;
    }
    Optional<String> challenge = response.headers().firstValue("WWW-Authenticate");
    if (challenge.isEmpty() || credentials.isEmpty() && !challenge.get().startsWith("Bearer")) {
      return response;
    }
    Optional<String> authorization = authorize(ref, challenge.get());
    if (authorization.isEmpty()) {
      return response;
    }
    authorizations.put(key, authorization.get());
    return exchange(ref.getRegistry(), request.apply(authorization.get()), handler, action);
  }

  private <T> HttpResponse<T> exchange(
      String registry, HttpRequest request, HttpResponse.BodyHandler<T> handler, String action)
      throws ImageException {
    try {
      requests.incrementAndGet();
      request.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength)
          .filter(n -> n > 0).ifPresent(bytesSent::addAndGet);
      HttpResponse<T> response = http.send(request, handler);
      if (response.body() instanceof byte[] bytes) {
        bytesReceived.addAndGet(bytes.length);
      } else if (response.body() instanceof String text) {
        bytesReceived.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
      }
      return response;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException("interrupted during the " + action + " at registry " + registry, e);
    } catch (IOException e) {
      throw connectionError(registry, e, action);
    }
  }

  private Optional<String> authorize(ImageReference ref, String challenge) throws ImageException {
    String scheme = challenge.split("\\s+", 2)[0];
    if (scheme.equalsIgnoreCase("Basic")) {
      return credentials.map(RegistryHttp::basic);
    }
    if (!scheme.equalsIgnoreCase("Bearer")) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = CHALLENGE_PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      return Optional.empty();
    }
    List<String> query = new ArrayList<>();
    if (params.containsKey("service")) {
      query.add("service=" + URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
    }
    query.add(
        "scope="
            + URLEncoder.encode(
                "repository:" + ref.getRepository() + ":pull,push", StandardCharsets.UTF_8));
    URI tokenUri = URI.create(realm + (realm.contains("?") ? "&" : "?") + String.join("&", query));
    HttpRequest.Builder token = HttpRequest.newBuilder(tokenUri).timeout(requestTimeout).GET();
    credentials.ifPresent(c -> token.header("Authorization", basic(c)));
    HttpResponse<String> response =
        exchange(ref.getRegistry(), token.build(), HttpResponse.BodyHandlers.ofString(), "token request");
    String where = ImageSuggestions.where(ref.getRegistry(), ref.getRepository(), ref.getQualifier());
    if (response.statusCode() != 200) {
      throw statusError(response.statusCode(), where, "token request to " + tokenUri.getHost(), "");
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      String value = body.path("token").asText(body.path("access_token").asText(""));
      if (value.isEmpty()) {
        throw new ImageException(
            where + ": the token service " + tokenUri.getHost() + " answered without a token", null);
      }
      return Optional.of("Bearer " + value);
    } catch (IOException e) {
      throw new ImageException(
          where + ": the token service " + tokenUri.getHost() + " answered with something not JSON", e);
    }
  }

  ImageException statusError(int status, String where, String action, String body) {
    if (status == 401 || status == 403) {
      return new ImageException(ImageSuggestions.unauthorized(where, status, credentials), status, null);
    }
    if (status == 404) {
      return new ImageException(ImageSuggestions.notFound(where), status, null);
    }
    return new ImageException(ImageSuggestions.unexpectedStatus(where, action, status, body), status, null);
  }

  private static ImageException connectionError(String registry, IOException e, String action) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return new ImageException(ImageSuggestions.unknownHost(registry, ImageSuggestions.IMAGE_SETTING), e);
      }
      if (t instanceof SSLException) {
        return new ImageException(ImageSuggestions.httpsRefused(registry), e);
      }
    }
    if (e instanceof HttpTimeoutException) {
      return new ImageException(ImageSuggestions.timedOut(registry, "the " + action), e);
    }
    if (e instanceof ConnectException) {
      return new ImageException(ImageSuggestions.connectionRefused(registry, ImageSuggestions.IMAGE_SETTING), e);
    }
    return new ImageException(
        "registry " + registry + ": the " + action + " failed: " + e.getClass().getSimpleName()
            + ": " + e.getMessage() + "; is the registry reachable?",
        e);
  }

  private static String basic(RegistryCredentials c) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
  }
}
