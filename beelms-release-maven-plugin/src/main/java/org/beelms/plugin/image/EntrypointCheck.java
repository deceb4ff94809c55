package org.beelms.plugin.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.beelms.plugin.gate.Finding;

/**
 * Whether the entrypoint's executable ({@code node} of {@code node /app/dist/main.js}) is in the
 * image at all, where that can be known without a registry: on {@code scratch} only the
 * {@code <extraDirectories>} are there; on a {@code tar:} base, its layers are read too. A Node
 * entrypoint on scratch can never start, so the release would ship an image that does not run.
 * A registry base is not pulled for this, so it is not checked.
 */
final class EntrypointCheck {

  /** Where a bare command name ({@code node}) is looked up, as a shell's default PATH would. */
  private static final List<String> PATH = List.of(
      "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private EntrypointCheck() {}

  /** A warning with the fix when the executable is not in the image; empty when it is or cannot be known. */
  static Optional<Finding> missingExecutable(ImageSettings settings) {
    if (settings.entrypoint().isEmpty() || settings.from() instanceof BaseImage.Registry) {
      return Optional.empty();
    }
    String executable = settings.entrypoint().get(0);
    List<String> candidates = executable.startsWith("/")
        ? List.of(executable)
        : PATH.stream().map(dir -> dir + "/" + executable).toList();
    for (String candidate : candidates) {
      if (inExtraDirectories(settings.extraDirectories(), candidate)) {
        return Optional.empty();
      }
    }
    if (settings.from() instanceof BaseImage.Tar tar) {
      try {
        if (inTarLayers(tar.file(), settings.outputDirectory().resolve("entrypoint-check"), candidates)) {
          return Optional.empty();
        }
      } catch (ImageException | IOException unreadable) {
        return Optional.empty(); // the build reports an unreadable base itself
      }
    }
    return Optional.of(Finding.warning(
        "the entrypoint's executable " + executable + " is not in the image: the base "
            + settings.from().describe() + " has " + (settings.from() instanceof BaseImage.Tar ? "no " + executable
            + " in its layers" : "no files at all") + " and no <extraDirectory> puts it there, so the image"
            + " cannot start",
        "<from> / -Dbeelms.image.from = " + settings.from().describe(),
        "build on a base that has it: a Node base from your own registry (<from>registry.example.org/node:24-alpine</from>)"
            + " or a tar of one (docker save node:24-alpine -o node-base.tar, then -Dimage.base=tar:/path/node-base.tar"
            + " or <from>tar:/path/node-base.tar</from>); or add the executable with an <extraDirectory>"));
  }

  private static boolean inExtraDirectories(List<ExtraDirectory> directories, String file) {
    for (ExtraDirectory d : directories) {
      String prefix = d.containerPath().endsWith("/") ? d.containerPath() : d.containerPath() + "/";
      if (file.startsWith(prefix) && Files.isRegularFile(d.source().resolve(file.substring(prefix.length())))) {
        return true;
      }
    }
    return false;
  }

  private static boolean inTarLayers(Path base, Path scratch, List<String> candidates)
      throws ImageException, IOException {
    ImageTar image = ImageTar.read(base, scratch);
    for (Path blob : image.blobs().values()) {
      try (InputStream raw = Files.newInputStream(blob);
          InputStream in = ImageTar.gzipped(blob) ? new GZIPInputStream(raw) : raw;
          TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
        TarArchiveEntry entry;
        while ((entry = entries.getNextEntry()) != null) {
          String name = "/" + entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
          if ((entry.isFile() || entry.isSymbolicLink()) && candidates.contains(name)) {
            return true;
          }
        }
      } catch (IOException notALayer) {
        // the config blob or another non-tar blob
      }
    }
    return false;
  }
}
