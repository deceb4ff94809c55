package org.beelms.plugin.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A Java application in the layers jib-maven-plugin uses: dependencies, snapshot dependencies,
 * resources and classes, each its own layer, so a change to one class re-pushes only the classes
 * layer.
 *
 * @param dependencies release dependency jars, into {@code /app/libs}
 * @param snapshotDependencies SNAPSHOT dependency jars, into {@code /app/libs} in their own layer
 * @param resources folders whose non-class files go to {@code /app/resources}
 * @param classes folders whose {@code .class} files go to {@code /app/classes}
 * @param mainClass the class {@code java} starts
 * @param jvmFlags flags for {@code java} before the main class
 */
public record JavaLayers(
    List<Path> dependencies,
    List<Path> snapshotDependencies,
    List<Path> resources,
    List<Path> classes,
    String mainClass,
    List<String> jvmFlags) {

  public JavaLayers {
    dependencies = List.copyOf(dependencies == null ? List.of() : dependencies);
    snapshotDependencies =
        List.copyOf(snapshotDependencies == null ? List.of() : snapshotDependencies);
    resources = List.copyOf(resources == null ? List.of() : resources);
    classes = List.copyOf(classes == null ? List.of() : classes);
    jvmFlags = List.copyOf(jvmFlags == null ? List.of() : jvmFlags);
    Objects.requireNonNull(mainClass, "mainClass");
    if (!mainClass.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
      throw new IllegalArgumentException(
          "<mainClass> / -Dbeelms.image.mainClass is '"
              + mainClass
              + "', not a fully qualified class name (e.g. org.beelms.core.Main)");
    }
  }
}
