package org.beelms.plugin.smoke;

import java.util.Map;

/** Environments the tests declare, as a POM would. */
final class Staging {

  private Staging() {}

  static Environment at(String url) {
    return Environment.declared(
        "staging", url, null, "staging", "staging", "", "", "", Map.of(), "", "", null);
  }

  static Environment production(String url, String serverId) {
    return Environment.declared(
        "production", url, null, "production", "production", serverId, "", "", Map.of(), "", "", null);
  }
}
