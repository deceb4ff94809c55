package org.beelms.plugin.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Builds small, real inputs for image tests: an app folder and settings pointing at it. */
final class ImageInputs {

  static final List<String> TAGS = List.of("v0.1.0", "abc1234");

  private ImageInputs() {}

  /** A listener that keeps every progress line as {@code gate: message}. */
  static org.beelms.plugin.gate.ReleaseListener recording(List<String> lines) {
    return new org.beelms.plugin.gate.ReleaseListener() {
      @Override
      public void progress(String gate, String message) {
        lines.add(gate + ": " + message);
      }
    };
  }

  /** A Node-like {@code dist/} with two files, stamped with {@code modified}. */
  static Path appFolder(Path parent, String content, Instant modified) throws IOException {
    Path dist = Files.createDirectories(parent.resolve("dist"));
    Files.writeString(dist.resolve("main.js"), "console.log('" + content + "');\n");
    Path nested = Files.createDirectories(dist.resolve("static"));
    Files.writeString(nested.resolve("index.html"), "<h1>" + content + "</h1>\n");
    for (Path p : List.of(dist.resolve("main.js"), nested.resolve("index.html"), nested, dist)) {
      Files.setLastModifiedTime(p, FileTime.from(modified));
    }
    return dist;
  }

  /** Settings for a plain (non-Java) image of {@code dist} into {@code /app}. */
  static ImageSettings plain(
      Path work, Path dist, BaseImage from, TargetKind to, String image, boolean allowInsecure,
      Optional<RegistryCredentials> credentials) {
    return new ImageSettings(
        image,
        TAGS,
        from,
        to,
        work.resolve("out/image.tar"),
        Optional.empty(),
        List.of(new ExtraDirectory(dist, "/app")),
        List.of("node", "/app/main.js"),
        credentials,
        allowInsecure,
        work.resolve("out"),
        work.resolve("cache/app"),
        Optional.of(work.resolve("cache/base")));
  }

  /** {@code settings} with other tags (a later release's image, say). */
  static ImageSettings withTags(ImageSettings settings, List<String> tags) {
    return new ImageSettings(settings.image(), tags, settings.from(), settings.to(), settings.tarPath(),
        settings.java(), settings.extraDirectories(), settings.entrypoint(), settings.credentials(),
        settings.allowInsecureRegistries(), settings.outputDirectory(), settings.applicationCache(),
        settings.baseImageCache(), settings.container());
  }
}
