package org.beelms.plugin.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.ReleaseListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code-generated spec as route source: a file, or a URL served by a real local HTTP server. */
class SpecRouteReaderTest {

  @TempDir Path project;

  @Test
  void generatedSpecFileIsComparedWithTheDocumentedOne() throws Exception {
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, OpenApiFixtures.spec());
    Path generated =
        OpenApiFixtures.write(
            project,
            "target/generated/openapi.yaml",
            // generators often write the prefix into every path and leave the server bare
            OpenApiFixtures.spec("url: http://localhost:3000/api", "url: http://localhost:3000")
                .replaceAll("(?m)^  /", "  /api/"));

    OpenApiCheckResult result =
        new OpenApiCheck(
                OpenApiFixtures.settings(project)
                    .routeSource(new RouteSource.GeneratedSpec(generated))
                    .build())
            .run(ReleaseListener.NONE);

    assertEquals(List.of(), result.findings().stream().map(f -> f.rule().id()).toList());
    assertEquals(11, result.implemented().size());
  }

  @Test
  void servedSpecIsFetchedOnce() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body =
        OpenApiFixtures.spec("servers:\n  - url: http://localhost:3000/api\n", "servers:\n  - url: /api\n")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/api-yaml",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api-yaml");
      CodeRoutes routes = SpecRouteReader.url(url, Duration.ofSeconds(5), "/api").read();

      assertEquals(11, routes.routes().size());
      assertEquals(Optional.of("/api"), routes.prefix());
      assertTrue(routes.routes().get(0).source().startsWith(url + ":"), routes.routes().get(0).source());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void silentServerGivesUpAfterTheTimeoutNamingTheUrl() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/api-yaml");

      IOException e =
          assertThrows(
              IOException.class, () -> SpecRouteReader.url(url, Duration.ofMillis(300), "/api").read());

      assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
    }
  }
}
