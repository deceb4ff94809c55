package org.beelms.plugin.smoke;

import java.util.function.Supplier;
import org.beelms.smoke.runner.SmokeRunner;

/**
 * Runs the smoke library with only its own classes visible.
 *
 * <p>The choice: the library is a dependency of this plugin, so Maven loads it into the plugin's
 * class realm, whose parents are Maven's API and the JDK, never the project: the project's main
 * and test classpaths are not in it. The JUnit Platform Launcher also discovers engines, listeners
 * and classes through the thread context class loader, which a build (another plugin, an IDE
 * embedding Maven) may have pointed anywhere. So for the length of the run the context class
 * loader is set to the realm that loaded the library, and restored afterwards. No second JVM is
 * started: the run is in-process, its result a Java object.
 */
final class LibraryClassLoader {

  private LibraryClassLoader() {}

  /** The loader that holds the smoke library, the JUnit Platform and the check classes. */
  static ClassLoader library() {
    return SmokeRunner.class.getClassLoader();
  }

  /** Runs {@code work} with the thread context class loader set to {@link #library()}. */
  static <T> T call(Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(library());
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
