package org.beelms.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.beelms.reference.ReferenceCore;
import org.beelms.reference.ReferenceCoreConfig;
import org.beelms.reference.ReferenceCoreConfigBuilder;
import org.beelms.reference.RunningReferenceCore;

/** The reference beelms core on its own embedded PostgreSQL and a free loopback port. */
final class ReferenceServer {

  static final String ADMIN_EMAIL = "admin@beelms.local";
  static final String ADMIN_PASSWORD = "It-Admin-Pass-2026";
  static final String VERSION = "0.1.0-it";

  private ReferenceServer() {}

  static RunningReferenceCore start() {
    return start(UnaryOperator.identity());
  }

  static RunningReferenceCore start(UnaryOperator<ReferenceCoreConfigBuilder> variant) {
    ReferenceCoreConfigBuilder builder =
        ReferenceCoreConfig.builder()
            .host("127.0.0.1")
            .port(0)
            .adminEmail(ADMIN_EMAIL)
            .adminPassword(ADMIN_PASSWORD)
            .version(VERSION);
    return ReferenceCore.start(variant.apply(builder).build());
  }

  /**
   * A Maven {@code settings.xml} whose server {@code serverId} holds the reference core's admin
   * account, the way a delivery lead hands the plugin its smoke credentials.
   */
  static Path writeAdminSettings(Path file, String serverId) throws IOException {
    Files.writeString(file, """
        <settings>
          <servers>
            <server>
              <id>%s</id>
              <username>%s</username>
              <password>%s</password>
            </server>
          </servers>
        </settings>
        """.formatted(serverId, ADMIN_EMAIL, ADMIN_PASSWORD), StandardCharsets.UTF_8);
    return file;
  }
}
