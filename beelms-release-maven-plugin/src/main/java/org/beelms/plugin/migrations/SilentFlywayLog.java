package org.beelms.plugin.migrations;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Keeps Flyway quiet: migrations-check turns Flyway's results and exceptions into findings, so
 * its own log lines would only repeat them. Named in {@code loggers(...)} by class name.
 */
public final class SilentFlywayLog implements LogCreator {

  private static final Log SILENT =
      new Log() {
        @Override
        public boolean isDebugEnabled() {
          return false;
        }

        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void error(String message) {}

        @Override
        public void error(String message, Exception e) {}

        @Override
        public void notice(String message) {}
      };

  public SilentFlywayLog() {}

  @Override
  public Log createLogger(Class<?> clazz) {
    return SILENT;
  }
}
