package org.beelms.plugin.openapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;

/**
 * Reads the routes from a spec the code produced itself: a file the build generated or a URL the
 * running application serves (fetched once, with bounded connect and request timeouts). A route is
 * admin-only when the generated spec marks it so explicitly ({@code x-roles}, tag {@code admin}).
 */
public final class SpecRouteReader implements RouteReader {

  private final String location;
  private final TextSource source;
  private final String apiPrefix;

  @FunctionalInterface
  private interface TextSource {
    String read() throws IOException;
  }

  private SpecRouteReader(String location, TextSource source, String apiPrefix) {
    this.location = location;
    this.source = source;
    this.apiPrefix = apiPrefix;
  }

  /** Reads a generated spec file. */
  public static SpecRouteReader file(Path file, String shownAs, String apiPrefix) {
    return new SpecRouteReader(
        shownAs,
        () -> {
          if (!Files.isRegularFile(file)) {
            throw new IOException(
                "the generated spec " + file + " does not exist; run the build step that generates it");
          }
          return Files.readString(file, StandardCharsets.UTF_8);
        },
        apiPrefix);
  }

  /** Fetches a served spec, giving up after {@code timeout} for the connection and the answer. */
  public static SpecRouteReader url(URI url, Duration timeout, String apiPrefix) {
    return new SpecRouteReader(url.toString(), () -> fetch(url, timeout), apiPrefix);
  }

  private static String fetch(URI url, Duration timeout) throws IOException {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpResponse<String> response;
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Accept", "application/yaml, application/json;q=0.9, */*;q=0.5")
            .GET()
            .build();
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new IOException(
          "GET " + url + " gave no answer within " + timeout.toMillis() + " ms; is the application running?", e);
    } catch (IOException e) {
      throw new IOException("GET " + url + " failed (" + e + "); is the application running?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + url, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + url + " answered " + response.statusCode() + " instead of 200 with the spec");
    }
    return response.body();
  }

  @Override
  public CodeRoutes read() throws IOException {
    SpecDocument.Parsed parsed = SpecDocument.parse(location, source.read());
    if (parsed.document().isEmpty()) {
      throw new IOException(
          "the spec produced by the code is not readable: "
              + parsed.problems().stream().map(Finding::message).findFirst().orElse(location));
    }
    SpecDocument spec = parsed.document().get();
    String prefix = Route.normalize(apiPrefix);
    boolean serverHasPrefix =
        spec.openApi().getServers() != null
            && spec.openApi().getServers().stream()
                .anyMatch(s -> s.getUrl() != null && Route.normalize(pathOf(s.getUrl())).endsWith(prefix));
    List<Route> routes = new ArrayList<>();
    boolean prefixInPaths = false;
    for (SpecOperation op : spec.operations()) {
      Route r = op.route();
      String stripped = Route.stripPrefix(r.path(), prefix);
      prefixInPaths |= !stripped.equals(r.path());
      routes.add(r.withPath(stripped));
    }
    Optional<String> codePrefix =
        serverHasPrefix || prefixInPaths ? Optional.of(prefix) : Optional.empty();
    return new CodeRoutes(routes, codePrefix, location);
  }

  private static String pathOf(String url) {
    try {
      String path = URI.create(url).getPath();
      return path == null ? url : path;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
