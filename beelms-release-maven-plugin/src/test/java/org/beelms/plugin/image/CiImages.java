package org.beelms.plugin.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Images "built by CI" for adopt-mode tests: a Node-like {@code dist/} on Jib's scratch base with
 * OCI labels, saved as a tarball (standing in for {@code docker save}) or pushed to a registry.
 */
public final class CiImages {

  private CiImages() {}

  /** A CI build of {@code content} labelled with {@code labels}; {@code work} holds its files. */
  public static JibContainerBuilder build(Path work, String content, Map<String, String> labels)
      throws Exception {
    Path dist = ImageInputs.appFolder(work.resolve("ci-" + content), content, Instant.EPOCH);
    JibContainerBuilder builder =
        Jib.fromScratch()
            .addFileEntriesLayer(
                FileEntriesLayer.builder()
                    .addEntryRecursive(dist, AbsoluteUnixPath.get("/app"))
                    .build())
            .setEntrypoint("node", "/app/main.js");
    labels.forEach(builder::addLabel);
    return builder;
  }

  /** The OCI labels a CI build of {@code commit} carries. */
  public static Map<String, String> labelled(String commit) {
    return Map.of(
        Provenance.REVISION, commit,
        Provenance.VERSION, "1.2.0",
        Provenance.SOURCE, "https://example.org/beelms/core");
  }

  /** Saves the image as a tarball: Docker format like {@code docker save}, or an OCI archive. */
  public static JibContainer save(JibContainerBuilder builder, Path tar, ImageFormat format)
      throws Exception {
    return builder
        .setFormat(format)
        .containerize(Containerizer.to(TarImage.at(tar).named("ci/core:build")));
  }

  /** Pushes the image to {@code reference} on a plain-HTTP loopback registry. */
  public static JibContainer push(JibContainerBuilder builder, String reference) throws Exception {
    return builder.containerize(
        Containerizer.to(RegistryImage.named(reference)).setAllowInsecureRegistries(true));
  }
}
